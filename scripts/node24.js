#!/usr/bin/env node
/**
 * Runs a command under Node 24 with the project's isolated-vm loadable: n8n 2.x and its production
 * expression engine ("vm") need both, while the project itself builds and tests on Node 20.
 *
 *   node scripts/node24.js <node args...>     e.g. --experimental-vm-modules node_modules/jest/bin/jest.js
 *
 * Node 24 comes from the shared cache (scripts/install). `npm ci` installs isolated-vm with scripts
 * off; its package ships prebuilt binaries for Node 24, so usually it loads as installed. Where none
 * loads, it is rebuilt in node_modules against Node 24's headers, and must load before the command runs.
 */
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ROOT, ensureNatives } = require('./install/cache');
const { ISOLATED_VM, node24 } = require('./install');

function main() {
	const node = node24();
	ensureNatives(ROOT, [ISOLATED_VM], node);
	const child = spawn(node.bin, process.argv.slice(2), {
		stdio: 'inherit',
		env: { ...process.env, PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}` },
	});
	const forward = (signal) => child.kill(signal);
	process.on('SIGINT', forward);
	process.on('SIGTERM', forward);
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
