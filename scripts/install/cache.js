/**
 * Hash-keyed cached installs, shared by every checkout on the machine.
 *
 * An install is a folder ${N8N_NODES_MERCADOPAGO_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-mercadopago}
 * /<name>-<hash>, where the hash covers everything that decides its content (lock file or package
 * list, npm flags, natives, the Node they are built for). The checkout links it as .cache/<name>.
 *
 * npm runs with install scripts off (several try to download from the internet, which is not
 * reachable here). The natives an install names are then built with install scripts on, and each
 * must load before the `.installed` marker is written; anything else fails loudly and leaves no
 * marker, so the next run tries again instead of trusting a broken install.
 *
 * Concurrency: each process installs into its own `<dir>.partial-<pid>` and renames it into place,
 * so two processes installing the same key never write into one folder; the second rename loses
 * and that process uses the winner's install.
 */
'use strict';
const { createHash } = require('node:crypto');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const MARKER = '.installed';

const log = (message) => process.stderr.write(`[install] ${message}\n`);

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return process.env.N8N_NODES_MERCADOPAGO_CACHE || path.join(base, 'n8n-nodes-mercadopago');
}

function npm(args, { cwd, env = process.env }) {
	execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd,
		env,
		// npm's summary lines off; its errors, with a failed script's output, on stderr.
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

/** Why `native.check` (JS, default `require(name)`) fails when Node `node` runs it in `dir`; undefined when it works. */
function loadError(dir, native, node) {
	const result = spawnSync(node.bin, ['-e', native.check ?? `require(${JSON.stringify(native.name)})`], {
		cwd: dir,
		encoding: 'utf8',
	});
	if (result.status === 0) return undefined;
	return (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n').slice(-3).join('\n');
}

/**
 * Makes each native of `dir/node_modules` load in `node`: one that already loads (a prebuilt binary
 * its package ships) is kept; the others are rebuilt with their install scripts on, against `node`'s
 * headers (nothing may be downloaded from nodejs.org), then must load. Throws otherwise.
 *
 * natives: [{ name, check?: JS that throws or exits non-zero when the native is unusable, env? }]
 * node: { version, bin, headers } (headers: a folder with include/node)
 */
function ensureNatives(dir, natives, node) {
	for (const native of natives) {
		if (!loadError(dir, native, node)) continue;
		log(`building ${native.name} for Node ${node.version} in ${dir}`);
		const started = Date.now();
		// --ignore-scripts=false on the command line: .npmrc says true, and a build run from an npm
		// script inherits that through the environment; then `npm rebuild` builds nothing.
		npm(['rebuild', '--ignore-scripts=false', `--nodedir=${node.headers}`, native.name], {
			cwd: dir,
			env: {
				...process.env,
				PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}`,
				npm_config_nodedir: node.headers,
				JOBS: 'max',
				...native.env,
			},
		});
		const error = loadError(dir, native, node);
		if (error) throw new Error(`${native.name} was rebuilt but still does not load in Node ${node.version}:\n${error}`);
		log(`${native.name} built and loads (${seconds(started)})`);
	}
}

function hashOf(spec) {
	const hash = createHash('sha256');
	const { name, from, packages = [], npmArgs = [], natives = [], node } = spec;
	hash.update(JSON.stringify({ name, packages, npmArgs, natives, node: node?.version }));
	if (from) for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(from, file)));
	return hash.digest('hex').slice(0, 16);
}

/**
 * Installs once per key and links it from this checkout's .cache/<name>; returns the install's folder.
 *
 * spec:
 *   name      the install's name (cache folder prefix and link name)
 *   from      a folder with package.json + package-lock.json (installed with `npm ci`), or
 *   packages  a list of `name@version` (installed with `npm install`)
 *   npmArgs   more npm flags, e.g. ['--omit=dev']
 *   natives   what to build and check (see ensureNatives); needs `node`
 *   node      { version, bin, headers }: the Node the natives are built for and loaded by
 *   verify    (dir) => void, throws when the install is unusable; runs before the marker
 *   about     what to expect, printed when it installs (e.g. 'a few minutes, ~3 GB')
 */
function cachedInstall(spec) {
	const { name, from, packages = [], natives = [], node } = spec;
	if (!from === !packages.length) throw new Error(`install ${name}: give either a folder (from) or packages`);
	if (natives.length && !node) throw new Error(`install ${name}: natives need the Node they are built for`);
	const store = cacheRoot();
	const dir = path.join(store, `${name}-${hashOf(spec)}`);

	if (!installed(dir)) {
		fs.mkdirSync(store, { recursive: true });
		removeLeftovers(store, dir);
		if (!installed(dir)) install(spec, dir);
	}
	link(dir, path.join(ROOT, '.cache', name));
	return dir;
}

function installed(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}

function install(spec, dir) {
	const { name, from, packages = [], npmArgs = [], natives = [], node, verify, about } = spec;
	const store = path.dirname(dir);
	const partial = `${dir}.partial-${process.pid}`;
	fs.rmSync(partial, { recursive: true, force: true });
	fs.mkdirSync(partial);
	const started = Date.now();
	log(`installing ${name} into ${dir}${about ? ` (${about})` : ''}`);
	try {
		if (from) {
			for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(from, file), path.join(partial, file));
			npm(['ci', '--ignore-scripts', ...npmArgs], { cwd: partial });
		} else {
			fs.writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify({ name: `${name}-install`, private: true })}\n`);
			npm(['install', '--ignore-scripts', '--no-save', '--no-package-lock', ...npmArgs, ...packages], { cwd: partial });
		}
		ensureNatives(partial, natives, node);
		verify?.(partial);
		fs.writeFileSync(path.join(partial, MARKER), `${JSON.stringify({ name, installedAt: new Date().toISOString() })}\n`);
		publish(partial, dir);
	} catch (error) {
		fs.rmSync(partial, { recursive: true, force: true });
		log(`installing ${name} FAILED after ${seconds(started)}; nothing was marked installed`);
		throw error;
	}
	log(`installed ${name} (${seconds(started)})`);
	const sameName = new RegExp(`^${name}-[0-9a-f]{16}$`);
	const older = fs.readdirSync(store).filter((entry) => sameName.test(entry) && path.join(store, entry) !== dir);
	if (older.length) log(`older ${name} installs in ${store}, delete them when no checkout uses them: ${older.join(' ')}`);
}

/** Moves a finished install into place; when another process got there first, keeps theirs. */
function publish(partial, dir) {
	try {
		fs.renameSync(partial, dir);
	} catch (error) {
		if (!['EEXIST', 'ENOTEMPTY'].includes(error.code) || !installed(dir)) throw error;
		log(`another process installed ${path.basename(dir)} meanwhile; using it`);
		fs.rmSync(partial, { recursive: true, force: true });
	}
}

/** Partial installs of processes that died, and a folder at `dir` that never got its marker. */
function removeLeftovers(store, dir) {
	const prefix = `${path.basename(dir)}.partial-`;
	for (const entry of fs.readdirSync(store)) {
		if (!entry.startsWith(prefix)) continue;
		const pid = Number(entry.slice(prefix.length));
		if (pid !== process.pid && !alive(pid)) fs.rmSync(path.join(store, entry), { recursive: true, force: true });
	}
	if (fs.existsSync(dir) && !installed(dir)) {
		const aside = `${dir}.partial-${process.pid}-unmarked`;
		fs.renameSync(dir, aside);
		fs.rmSync(aside, { recursive: true, force: true });
	}
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Points `at` to `target`, replacing an older link (or a folder left by an older layout) in one rename. */
function link(target, at) {
	fs.mkdirSync(path.dirname(at), { recursive: true });
	const stat = fs.lstatSync(at, { throwIfNoEntry: false });
	if (stat?.isSymbolicLink() && fs.readlinkSync(at) === target) return;
	if (stat && !stat.isSymbolicLink()) fs.rmSync(at, { recursive: true, force: true });
	const temporary = `${at}.link-${process.pid}`;
	fs.rmSync(temporary, { force: true });
	fs.symlinkSync(target, temporary, 'dir');
	fs.renameSync(temporary, at);
}

function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Debian packages a step needs, installed with apt-get when missing (as root; otherwise it says
 * what to run). packages: [{ command, package }]: `command` on PATH means `package` is there.
 */
/**
 * Installs the Debian packages that are missing, as root. Each entry names its package and
 * how to tell it is there: a `command` on PATH, or a `present()` check for programs Debian
 * keeps elsewhere (PostgreSQL's under /usr/lib/postgresql).
 */
function ensureDebianPackages(packages) {
	const present = (p) => (p.present ? p.present() : onPath(p.command));
	const missing = packages.filter((p) => !present(p)).map((p) => p.package);
	if (!missing.length) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`Debian packages missing: ${missing.join(' ')}; run: sudo apt-get install -y ${missing.join(' ')}`);
	}
	const started = Date.now();
	log(`installing Debian packages: ${missing.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const stdio = ['ignore', 'ignore', 'inherit'];
	execFileSync('apt-get', ['update', '-qq'], { env, stdio });
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { env, stdio });
	const still = packages.filter((p) => !present(p)).map((p) => p.package);
	if (still.length) throw new Error(`apt-get installed ${missing.join(' ')} but ${still.join(' ')} is still missing`);
	log(`installed ${missing.join(' ')} (${seconds(started)})`);
}

function seconds(since) {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}

module.exports = { ROOT, cacheRoot, cachedInstall, ensureNatives, ensureDebianPackages, log };
