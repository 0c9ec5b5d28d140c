/**
 * n8n's own HTTP Request node, for comparison: n8n-nodes-base is installed on demand into the
 * shared cache (scripts/install; not a devDependency: it is ~400 MB and `npm ci` must stay light),
 * at the version of the n8n release whose n8n-core this project pins.
 *
 * Its install brings its own n8n-workflow. Two copies break `instanceof` (VersionedNodeType,
 * NodeApiError) and would split the expression engine, and the cache is shared by every checkout,
 * so it cannot link to one checkout's copy: a resolve hook sends its requires of n8n-workflow and
 * n8n-core to the project's, and loadNodesBase() checks that one copy is loaded.
 */
import * as nodeModule from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VersionedNodeType, type ICredentialType, type IVersionedNodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '..', '..', '..');

/** n8n-core and n8n-nodes-base are released together under one version. */
export const NODES_BASE_VERSION: string =
	process.env.BENCH_NODES_BASE_VERSION ?? (require('n8n-core/package.json') as { version: string }).version;

/** Packages that must be the project's own copy when n8n-nodes-base requires them. */
const SHARED = ['n8n-workflow', 'n8n-core'];

export interface NodesBase {
	version: string;
	httpRequest: IVersionedNodeType;
	/** Its latest version, as a new node gets in the editor. */
	httpRequestVersion: number;
	httpHeaderAuth: ICredentialType;
}

interface ResolveResult {
	url: string;
	shortCircuit?: boolean;
}
/** Node 24's synchronous module hooks (they apply to require); @types/node 20 does not know them. */
type RegisterHooks = (hooks: {
	resolve(specifier: string, context: { parentURL?: string }, next: (specifier: string, context: object) => ResolveResult): ResolveResult;
}) => void;

/** Sends requires of SHARED from inside `installModules` (a real path) to the project's copies. */
function shareWithProject(installModules: string): void {
	const inside = pathToFileURL(installModules + path.sep).href;
	(nodeModule as unknown as { registerHooks: RegisterHooks }).registerHooks({
		resolve(specifier, context, next) {
			const shared = SHARED.some((name) => specifier === name || specifier.startsWith(`${name}/`));
			if (!shared || !context.parentURL?.startsWith(inside)) return next(specifier, context);
			return { url: pathToFileURL(require.resolve(specifier, { paths: [root] })).href, shortCircuit: true };
		},
	});
}

export function loadNodesBase(): NodesBase {
	const { nodesBase } = require(path.join(root, 'scripts', 'install')) as { nodesBase(version: string): string };
	const pkg = nodesBase(NODES_BASE_VERSION);
	const installModules = fs.realpathSync(path.resolve(pkg, '..'));
	shareWithProject(installModules);
	const nodeFile = path.join(pkg, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	const { HttpRequest } = require(nodeFile) as { HttpRequest: new () => IVersionedNodeType };
	const { HttpHeaderAuth } = require(path.join(pkg, 'dist', 'credentials', 'HttpHeaderAuth.credentials.js')) as {
		HttpHeaderAuth: new () => ICredentialType;
	};
	// One n8n-workflow: nothing of the install's own copies may have been loaded.
	const copies = SHARED.map((name) => path.join(installModules, name) + path.sep);
	const second = Object.keys(require.cache).find((file) => copies.some((copy) => file.startsWith(copy)));
	if (second) throw new Error(`n8n-nodes-base loaded a second copy of a shared package: ${second}`);
	const httpRequest = new HttpRequest();
	if (!(httpRequest instanceof VersionedNodeType)) throw new Error('HTTP Request node is not our VersionedNodeType');
	const httpRequestVersion = Math.max(...Object.keys(httpRequest.nodeVersions).map(Number));
	return { version: readVersion(pkg), httpRequest, httpRequestVersion, httpHeaderAuth: new HttpHeaderAuth() };
}

function readVersion(pkg: string): string {
	return (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
