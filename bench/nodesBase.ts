/**
 * n8n's own HTTP Request node, for comparison: n8n-nodes-base is installed on demand into
 * .cache/n8n-nodes-base/<version> (not a devDependency: it is ~400 MB and `npm ci` must stay
 * light), at the version of the n8n release whose n8n-core this project pins.
 *
 * Its install brings its own n8n-workflow. Two copies break `instanceof` (VersionedNodeType,
 * NodeApiError) and would split the expression engine, so the cached copy is replaced by a
 * symlink to the project's, and loadHttpRequest() checks that one copy is loaded.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VersionedNodeType, type ICredentialType, type IVersionedNodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '..', '..', '..');
const projectModules = path.join(root, 'node_modules');

/** n8n-core and n8n-nodes-base are released together under one version. */
export const NODES_BASE_VERSION: string =
	process.env.BENCH_NODES_BASE_VERSION ?? (require('n8n-core/package.json') as { version: string }).version;

/** Packages that must be the project's own copy inside the cached install. */
const SHARED = ['n8n-workflow', 'n8n-core'];

export interface NodesBase {
	version: string;
	httpRequest: IVersionedNodeType;
	/** Its latest version, as a new node gets in the editor. */
	httpRequestVersion: number;
	httpHeaderAuth: ICredentialType;
}

function ensureInstalled(): string {
	const dir = path.join(root, '.cache', 'n8n-nodes-base', NODES_BASE_VERSION);
	const modules = path.join(dir, 'node_modules');
	if (!fs.existsSync(path.join(modules, 'n8n-nodes-base', 'package.json'))) {
		process.stderr.write(`[bench] installing n8n-nodes-base@${NODES_BASE_VERSION} into ${path.relative(root, dir)} (once; a few minutes)\n`);
		fs.mkdirSync(dir, { recursive: true });
		execFileSync(
			'npm',
			['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--omit=dev', '--omit=optional',
				'--no-audit', '--no-fund', '--loglevel=error', `n8n-nodes-base@${NODES_BASE_VERSION}`],
			{ stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}
	for (const name of SHARED) {
		const link = path.join(modules, name);
		const target = path.join(projectModules, name);
		const stat = fs.lstatSync(link, { throwIfNoEntry: false });
		if (stat?.isSymbolicLink() && fs.readlinkSync(link) === target) continue;
		if (!stat && name !== 'n8n-workflow') continue; // not installed there: nothing can load a second copy
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(target, link, 'dir');
	}
	return path.join(modules, 'n8n-nodes-base');
}

export function loadNodesBase(): NodesBase {
	const pkg = ensureInstalled();
	const nodeFile = path.join(pkg, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');

	// One n8n-workflow: what the HTTP Request node resolves is the file the harness uses.
	const theirs = fs.realpathSync(require.resolve('n8n-workflow', { paths: [path.dirname(nodeFile)] }));
	const ours = fs.realpathSync(require.resolve('n8n-workflow'));
	if (theirs !== ours) throw new Error(`n8n-nodes-base would load a second n8n-workflow:\n  ${theirs}\n  ${ours}`);

	const { HttpRequest } = require(nodeFile) as { HttpRequest: new () => IVersionedNodeType };
	const { HttpHeaderAuth } = require(path.join(pkg, 'dist', 'credentials', 'HttpHeaderAuth.credentials.js')) as {
		HttpHeaderAuth: new () => ICredentialType;
	};
	const httpRequest = new HttpRequest();
	if (!(httpRequest instanceof VersionedNodeType)) throw new Error('HTTP Request node is not our VersionedNodeType');
	const httpRequestVersion = Math.max(...Object.keys(httpRequest.nodeVersions).map(Number));
	return { version: readVersion(pkg), httpRequest, httpRequestVersion, httpHeaderAuth: new HttpHeaderAuth() };
}

function readVersion(pkg: string): string {
	return (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
