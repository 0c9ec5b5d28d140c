/**
 * scripts/install/cache.js, on a package of our own whose install script "builds" its binary:
 * an install is marked only once its natives were built with install scripts on and load.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Native {
	name: string;
	check?: string;
}
interface Spec {
	name: string;
	packages: string[];
	natives?: Native[];
	node?: { version: string; bin: string; headers: string };
	verify?: (dir: string) => void;
}
interface CacheModule {
	ROOT: string;
	cachedInstall(spec: Spec): string;
	ensureNatives(dir: string, natives: Native[], node: Spec['node']): void;
}
const cache = require('../../scripts/install/cache') as CacheModule;

const node = { version: process.versions.node, bin: process.execPath, headers: path.resolve(process.execPath, '..', '..') };
const FAKE: Native = { name: 'fake-native', check: "if (require('fake-native') !== 42) process.exit(1)" };

let work: string;
let tarball: string;
const linkNames: string[] = [];

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'cached-install-'));
	const source = path.join(work, 'fake-native');
	fs.mkdirSync(source);
	fs.writeFileSync(
		path.join(source, 'package.json'),
		JSON.stringify({ name: 'fake-native', version: '1.0.0', main: 'built.js', scripts: { install: 'node build.js' } }),
	);
	fs.writeFileSync(path.join(source, 'build.js'), "require('fs').writeFileSync('built.js', 'module.exports = 42;');");
	execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: source, stdio: 'ignore' });
	tarball = path.join(work, 'fake-native-1.0.0.tgz');
	process.env.N8N_NODES_MERCADOPAGO_CACHE = path.join(work, 'store');
});

afterAll(() => {
	for (const name of linkNames) fs.rmSync(path.join(cache.ROOT, '.cache', name), { force: true });
	fs.rmSync(work, { recursive: true, force: true });
});

/** A name no other run uses, so the link under .cache/ is this test's own. */
function uniqueName(label: string): string {
	const name = `test-${label}-${process.pid}`;
	linkNames.push(name);
	return name;
}

function storeEntries(name: string): string[] {
	return fs.readdirSync(path.join(work, 'store')).filter((entry) => entry.startsWith(`${name}-`));
}

it('builds a native with install scripts on, even where .npmrc turns them off', () => {
	const dir = path.join(work, 'project');
	fs.mkdirSync(dir);
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true }));
	fs.writeFileSync(path.join(dir, '.npmrc'), 'ignore-scripts=true\n');
	execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', tarball], { cwd: dir, stdio: 'ignore' });
	expect(fs.existsSync(path.join(dir, 'node_modules', 'fake-native', 'built.js'))).toBe(false);

	cache.ensureNatives(dir, [FAKE], node);
	expect(fs.existsSync(path.join(dir, 'node_modules', 'fake-native', 'built.js'))).toBe(true);
});

it('installs once, marks it, links it from .cache/<name>, and reuses it', () => {
	const name = uniqueName('ok');
	const dir = cache.cachedInstall({ name, packages: [tarball], natives: [FAKE], node });
	expect(fs.existsSync(path.join(dir, '.installed'))).toBe(true);
	expect(fs.realpathSync(path.join(cache.ROOT, '.cache', name))).toBe(fs.realpathSync(dir));

	const built = path.join(dir, 'node_modules', 'fake-native', 'built.js');
	fs.rmSync(built);
	expect(cache.cachedInstall({ name, packages: [tarball], natives: [FAKE], node })).toBe(dir);
	expect(fs.existsSync(built)).toBe(false); // the marker said installed: nothing ran again
});

it('leaves no marker, no folder and no link when a native does not load', () => {
	const name = uniqueName('broken');
	const broken = { ...FAKE, check: 'process.exit(1)' };
	expect(() => cache.cachedInstall({ name, packages: [tarball], natives: [broken], node })).toThrow(
		/fake-native was rebuilt but still does not load/,
	);
	expect(storeEntries(name)).toEqual([]);
	expect(fs.existsSync(path.join(cache.ROOT, '.cache', name))).toBe(false);
});

it('keeps the install of a process that finished the same key first', () => {
	const name = uniqueName('race');
	let winner = '';
	const dir = cache.cachedInstall({
		name,
		packages: [tarball],
		verify(partial) {
			// Another process finishes the same key while this one is still checking its own.
			winner = partial.replace(/\.partial-\d+$/, '');
			fs.cpSync(partial, winner, { recursive: true });
			fs.writeFileSync(path.join(winner, '.installed'), 'theirs\n');
		},
	});
	expect(dir).toBe(winner);
	expect(fs.readFileSync(path.join(dir, '.installed'), 'utf8')).toBe('theirs\n');
	expect(storeEntries(name)).toEqual([path.basename(dir)]);
});
