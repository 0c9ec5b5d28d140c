/**
 * Shared by the end-to-end test (e2e/e2e.test.mjs) and `npm run dev` (e2e/dev.mjs):
 * the real n8n 2.41.1 from .cache/n8n, run by Node 24 from .cache/node24 (both installed by
 * scripts/install), kept offline and on loopback; this package packed and installed as a
 * community package; the loopback Mercado Pago sandbox from the tsc test build (.cache/build,
 * `npm run build:test`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const N8N_DIR = join(ROOT, '.cache', 'n8n');
export const NODE24 = join(ROOT, '.cache', 'node24', 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
export const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The credential id the examples reference (examples/*.json). */
export const CREDENTIAL_ID = 'MercadoPagoDemo1';
export const CREDENTIAL_NAME = 'Mercado Pago account';
export const NODE_TYPE = 'n8n-nodes-mercadopago.mercadoPago';
export const TRIGGER_TYPE = 'n8n-nodes-mercadopago.mercadoPagoTrigger';
export const CREDENTIAL_TYPE = 'mercadoPagoApi';
/** The secret signature of the credential the e2e tests and `npm run dev` import; the notifier signs with it. */
export const WEBHOOK_SECRET = 'sandbox-webhook-secret-not-a-secret';
export const EXAMPLES = {
	crm: join(ROOT, 'examples', 'crm-cancel-payment-profile.json'),
	sheet: join(ROOT, 'examples', 'sheet-batch-cancel-payment-profiles.json'),
	subscriptionSheet: join(ROOT, 'examples', 'sheet-batch-cancel-subscriptions.json'),
	dunning: join(ROOT, 'examples', 'dunning-pause-after-third-rejection.json'),
	payerCancelled: join(ROOT, 'examples', 'payer-cancelled-close-crm-deal.json'),
};
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Dev',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};

const requireFromHere = createRequire(import.meta.url);

/** A module of test/sandbox compiled by `npm run build:test`. */
function builtSandboxModule(name) {
	const file = join(ROOT, '.cache', 'build', 'test', 'sandbox', `${name}.js`);
	if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:test\` first`);
	return requireFromHere(file);
}

/** The node's registry of operations (nodes/MercadoPago/actions/registry.ts) as `npm run build` compiled it into dist/. */
export function registryModule() {
	const file = join(ROOT, 'dist', 'nodes', 'MercadoPago', 'actions', 'registry.js');
	if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
	return requireFromHere(file);
}

/** The sandbox (test/sandbox/server.ts). */
export function sandboxModule() {
	return builtSandboxModule('server');
}

/** Mercado Pago's side of notifications (test/sandbox/notifier.ts). */
export function notifierModule() {
	return builtSandboxModule('notifier');
}

/** The Production URL of the workflow's trigger: n8n's `/webhook/<webhookId>/<path>`. */
export function productionUrl(n8nUrl, workflow) {
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
	return `${n8nUrl}/webhook/${trigger.webhookId}/webhook`;
}

/** playwright-core from .cache/n8n (pinned by e2e/package-lock.json). */
export function playwright() {
	return createRequire(join(N8N_DIR, 'package.json'))('playwright-core');
}

export function assertInstalled() {
	for (const file of [NODE24, N8N_BIN]) {
		if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/install n8n\` first`);
	}
}

export async function freePort() {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address();
	await new Promise((r) => server.close(r));
	return port;
}

/**
 * What n8n 2.41 would otherwise call outside the machine, each turned off: telemetry and
 * PostHog, the version check and its "what's new", templates, the banners, the vetted
 * community nodes list and `npm outdated` on the installed ones (the registry), the MCP
 * registry, the license server's renewals (and its address, should anything try), and npm's
 * own update check when n8n runs npm. The AI assistant and builder stay off with no key or
 * address set, and no external hook files are named.
 */
const OFFLINE = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_LICENSE_SERVER_URL: 'http://127.0.0.1:9/',
	N8N_AI_ENABLED: 'false',
	NPM_CONFIG_UPDATE_NOTIFIER: 'false',
};

/**
 * Environment for every n8n process of one instance: its own user folder, loopback only,
 * nothing phoned home (OFFLINE). N8N_LOG_LEVEL stays 'info': below it `n8n execute` prints
 * no JSON. NODE_OPTIONS passes through, as it would to any n8n.
 */
export function n8nEnv({ home, port, brokerPort, encryptionKey = 'e2e-only-encryption-key-not-a-secret' }) {
	const keep = ['HOME', 'LANG', 'TMPDIR', 'TZ', 'NODE_OPTIONS'];
	const env = Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
	return {
		...env,
		PATH: `${dirname(NODE24)}:${process.env.PATH}`,
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		...OFFLINE,
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
	};
}

/** Runs a command, collecting its output; rejects on a non-zero exit or a timeout. */
export function run(cmd, args, { cwd = ROOT, env = process.env, timeoutMs = 300_000, allowFail = false } = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code !== 0 && !allowFail) {
				reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
			} else resolvePromise({ code, stdout, stderr });
		});
	});
}

/** One n8n CLI command (`n8n import:workflow …`, `n8n execute …`) under Node 24. */
export function n8nCli(env, args, opts = {}) {
	return run(NODE24, [N8N_BIN, ...args], { env, cwd: env.N8N_USER_FOLDER, ...opts });
}

/** `npm pack`s this package (built beforehand) into packDir; returns the tarball's path. */
export async function pack(packDir) {
	mkdirSync(packDir, { recursive: true });
	if (!existsSync(join(ROOT, 'dist', 'nodes', 'MercadoPago', 'MercadoPago.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT });
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return join(packDir, filename);
}

/**
 * `npm pack`s this package (built beforehand) into `packDir`, or takes a tarball packed already,
 * and installs it where n8n looks for community packages ($N8N_USER_FOLDER/.n8n/nodes/node_modules),
 * the way n8n's own installer does: no dev or peer dependencies (n8n provides n8n-workflow), no
 * scripts. Packages installed there before stay. `offline` takes the dependencies from npm's
 * cache (`npm ci` put them there) without asking the registry.
 */
export async function packAndInstall(home, { tarball = undefined, packDir = join(home, 'pack'), offline = false } = {}) {
	tarball ??= await pack(packDir);
	const nodesDir = join(home, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const ledger = join(nodesDir, 'package.json');
	if (!existsSync(ledger)) writeFileSync(ledger, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	const flags = ['--ignore-scripts', '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'];
	await run('npm', ['install', ...flags, ...(offline ? ['--offline'] : []), tarball], { cwd: nodesDir });
	return { tarball, installedDir: join(nodesDir, 'node_modules', PACKAGE.name) };
}

/** The credential the examples use, pointed at the sandbox; `n8n import:credentials` encrypts it. */
export function writeCredentialFile(dir, { baseUrl, accessToken, webhookSecret = WEBHOOK_SECRET }) {
	const file = join(dir, 'credentials.json');
	writeFileSync(
		file,
		JSON.stringify(
			[{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: { accessToken, baseUrl, webhookSecret } }],
			null,
			2,
		),
	);
	return file;
}

/**
 * Parses the JSON that `n8n execute --rawOutput` prints between its log lines: n8n can log a
 * line after it too. The output is pretty-printed, so the object ends at the first line that
 * is a lone closing brace (a string cannot hold a raw newline).
 */
export function parseExecuteOutput(stdout) {
	const start = stdout.search(/^\{/m);
	if (start === -1) throw new Error(`no JSON in n8n execute output:\n${stdout}`);
	const close = stdout.slice(start).search(/^\}$/m);
	return JSON.parse(close === -1 ? stdout.slice(start) : stdout.slice(start, start + close + 1));
}

/** Starts `n8n start`; resolves once /healthz/readiness answers 200. */
export async function startN8n(env, { logFile, timeoutMs = 180_000 } = {}) {
	const child = spawn(NODE24, [N8N_BIN, 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: false,
	});
	let log = '';
	const onData = (d) => {
		log += d;
		if (logFile) writeFileSync(logFile, log);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n start exited ${child.exitCode}:\n${log}`);
		try {
			const res = await fetch(`${url}/healthz/readiness`);
			if (res.status === 200) return { child, url, log: () => log };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	child.kill('SIGKILL');
	throw new Error(`n8n start not ready after ${timeoutMs} ms:\n${log}`);
}

export async function stopN8n(child) {
	if (!child || child.exitCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await once(child, 'exit');
	clearTimeout(timer);
}

/** Creates the owner account and returns its session cookie (`n8n-auth=…`). */
export async function setupOwner(url) {
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (res.status !== 200) throw new Error(`owner setup: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup: no n8n-auth cookie');
	return cookie.split(';')[0];
}

/** The owner's session cookie: signed in when the owner exists (an n8n started before on this user folder), else created. */
export async function ownerSession(url) {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	await res.arrayBuffer();
	const cookie = res.status === 200 && res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	return cookie ? cookie.split(';')[0] : await setupOwner(url);
}

/** GET/POST on n8n's REST API with the owner's cookie; returns the parsed body. */
export async function rest(url, cookie, path, { method = 'GET', body } = {}) {
	const res = await fetch(`${url}${path}`, {
		method,
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'e2e' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Publishes a workflow the way the editor's Publish button does: main registers its webhooks now. */
export async function activateWorkflow(url, cookie, id) {
	const { versionId } = (await rest(url, cookie, `/rest/workflows/${id}`)).data;
	await rest(url, cookie, `/rest/workflows/${id}/activate`, { method: 'POST', body: { versionId } });
}

/**
 * Resolves once a published workflow's webhook is served: n8n answers the activate call before
 * it has registered the webhooks. The probe is an unsigned POST without a body, which the
 * trigger refuses; `plain: true` probes with a GET instead (a POST-only webhook answers 404 to
 * it until registered, then 404 with another message), so that a plain webhook starts nothing.
 */
export async function waitUntilRegistered(url, { plain = false, timeoutMs = 30_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, { method: plain ? 'GET' : 'POST' });
		const text = await res.text();
		if (plain ? /not registered for GET/.test(text) : res.status !== 404) return res.status;
		if (Date.now() > deadline) throw new Error(`${url} still not served after ${timeoutMs} ms: ${res.status} ${text.slice(0, 200)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** One execution through n8n's REST API, its run data unflattened. */
export async function getExecution(url, cookie, id) {
	const { data } = await rest(url, cookie, `/rest/executions/${id}`);
	const flatted = createRequire(join(N8N_DIR, 'package.json'))('flatted');
	return { ...data, data: typeof data.data === 'string' ? flatted.parse(data.data) : data.data };
}

/** Every execution of a workflow (the list's summary of each) through n8n's REST API, page by page. */
export async function listExecutions(url, cookie, workflowId) {
	const byId = new Map();
	for (let cursor; ; ) {
		const query = `filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const { results, nextCursor } = (await rest(url, cookie, `/rest/executions?${query}`)).data;
		// A first page may list running executions beside the finished ones: one entry per id.
		for (const execution of results) byId.set(execution.id, execution);
		if (!nextCursor) return [...byId.values()];
		cursor = nextCursor;
	}
}

export function freshDir(dir) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	return dir;
}
