#!/usr/bin/env node
/**
 * What the project's tools install outside `npm ci`, each once per machine and key (./cache.js):
 *
 *   node24          Node 24 (n8n 2.x and its production expression engine need it; the project
 *                   builds and tests on Node 20). The one place that decides its version.
 *   n8n             the real n8n app, playwright-core (e2e/package-lock.json), sqlite3 and
 *                   isolated-vm built for Node 24            -> `npm run dev`, `npm run test:e2e`
 *   n8n-1x          the last n8n 1.x engine pair (test/1x/package-lock.json) -> `npm run test:1x`
 *   chromium        Debian's Chromium, for the editor check   -> `npm run test:e2e`
 *   n8n-nodes-base  n8n's own nodes at a given version        -> the bench, via nodesBase(version)
 *
 *   node scripts/install <target>...    installs those targets (all but n8n-nodes-base)
 */
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ROOT, cachedInstall, ensureDebianPackages, log } = require('./cache');

/** Bump deliberately: the registry's newest 24.x when this was written. */
const NODE24_VERSION = '24.21.0';

/** The package `node@24` would install from its preinstall script (which ignore-scripts skips). */
const NODE_PLATFORM_PACKAGE = `node-${process.platform}-${process.arch}`;

const ISOLATED_VM = {
	name: 'isolated-vm',
	check:
		"const ivm = require('isolated-vm'); const i = new ivm.Isolate({ memoryLimit: 16 });" +
		"if (i.createContextSync().evalSync('6 * 7') !== 42) process.exit(1);",
};

const SQLITE3 = {
	name: 'sqlite3',
	check:
		"const { Database } = require('sqlite3'); const db = new Database(':memory:');" +
		"db.get('select 6 * 7 as n', (e, row) => { if (e || row.n !== 42) process.exit(1); db.close(); });",
	// Its install script would first try to download a prebuilt binary; build it here instead.
	env: { npm_config_build_from_source: 'true' },
};

/** What node-gyp needs to build a native. */
const BUILD_TOOLS = [
	{ command: 'make', package: 'make' },
	{ command: 'g++', package: 'g++' },
	{ command: 'python3', package: 'python3' },
];

/** Node 24: { version, bin, headers }; the platform package ships bin/node and include/node. */
function node24() {
	const headersOf = (dir) => path.join(dir, 'node_modules', NODE_PLATFORM_PACKAGE);
	const binOf = (dir) => path.join(headersOf(dir), 'bin', 'node');
	const dir = cachedInstall({
		name: 'node24',
		packages: [`${NODE_PLATFORM_PACKAGE}@${NODE24_VERSION}`],
		verify(partial) {
			const version = execFileSync(binOf(partial), ['-v']).toString().trim();
			if (version !== `v${NODE24_VERSION}`) throw new Error(`Node ${NODE24_VERSION} was installed but runs as ${version}`);
		},
	});
	return { version: NODE24_VERSION, bin: binOf(dir), headers: headersOf(dir) };
}

function n8n() {
	const node = node24();
	ensureDebianPackages(BUILD_TOOLS);
	return cachedInstall({
		name: 'n8n',
		from: path.join(ROOT, 'e2e'),
		natives: [SQLITE3, ISOLATED_VM],
		node,
		about: 'about 8 minutes on 2 cores, 2.6 GB',
	});
}

function n8n1x() {
	return cachedInstall({ name: 'n8n-1x', from: path.join(ROOT, 'test', '1x') });
}

function chromium() {
	ensureDebianPackages([{ command: 'chromium', package: 'chromium' }]);
}

/** n8n-nodes-base without its dev and optional dependencies (~400 MB). */
function nodesBase(version) {
	const dir = cachedInstall({
		name: 'n8n-nodes-base',
		packages: [`n8n-nodes-base@${version}`],
		npmArgs: ['--omit=dev', '--omit=optional'],
		about: 'about 2 minutes',
	});
	return path.join(dir, 'node_modules', 'n8n-nodes-base');
}

const TARGETS = { node24, n8n, 'n8n-1x': n8n1x, chromium };

function main(names) {
	const unknown = names.filter((name) => !Object.hasOwn(TARGETS, name));
	if (!names.length || unknown.length) {
		process.stderr.write(`usage: node scripts/install <${Object.keys(TARGETS).join('|')}>...\n`);
		process.exit(2);
	}
	for (const name of names) TARGETS[name]();
}

if (require.main === module) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		log(`FAILED: ${error.stack ?? error}`);
		process.exit(1);
	}
}

module.exports = { NODE24_VERSION, ISOLATED_VM, node24, n8n, n8n1x, chromium, nodesBase };
