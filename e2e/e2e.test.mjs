/**
 * `npm run test:e2e`: this package inside the real n8n 2.41.1 (Node 24), end to end.
 *
 * 1. `npm pack` + install of the tarball as a community package in a fresh n8n user folder.
 * 2. The credential imported with `n8n import:credentials`, pointed at the loopback sandbox;
 *    the examples (and variants of the CRM one that only change its sample event) imported
 *    with `n8n import:workflow` and run with `n8n execute`; what came out of each branch is
 *    checked, and so is the sandbox's state.
 * 3. `n8n start` on loopback: the node and credential types are served; in Debian's
 *    Chromium (playwright-core) the node is found in the node panel, its form shows the
 *    customer, profile and idempotency fields, and the credential test succeeds against the
 *    sandbox. Screenshots go to artifacts/e2e/ (not committed).
 *
 * Run with Node 24 (scripts/node24.js) after scripts/install; see package.json `test:e2e`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkEditor } from './editor.mjs';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	EXAMPLES,
	NODE_TYPE,
	PACKAGE,
	ROOT,
	assertInstalled,
	freePort,
	freshDir,
	n8nCli,
	n8nEnv,
	packAndInstall,
	parseExecuteOutput,
	rest,
	sandboxModule,
	setupOwner,
	startN8n,
	stopN8n,
	writeCredentialFile,
} from './lib.mjs';
import { seedSandbox } from './seed.mjs';

const WORK = join(ROOT, '.cache', 'e2e');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const home = join(WORK, 'n8n-home');

let sandbox;
let env;
let installedDir;

const crm = JSON.parse(readFileSync(EXAMPLES.crm, 'utf8'));
const sheet = JSON.parse(readFileSync(EXAMPLES.sheet, 'utf8'));

/** The CRM example with another sample event: everything else is the committed example. */
function crmVariant(id, body) {
	const wf = structuredClone(crm);
	wf.id = id;
	wf.name = `${crm.name} (e2e: ${id})`;
	const sample = wf.nodes.find((n) => n.name === 'Sample CRM event');
	const event = JSON.parse(sample.parameters.jsonOutput);
	sample.parameters.jsonOutput = JSON.stringify({ body: { ...event.body, ...body } }, null, 2);
	return wf;
}

const VARIANTS = {
	notFound: crmVariant('mpE2eCrmNotFound', { ticketId: 'CRM-2001', paymentProfileId: '7000001999' }),
	mismatch: crmVariant('mpE2eCrmMismatch', { ticketId: 'CRM-2002', customerId: '1012345678-anaSilva0001' }),
	retryLater: crmVariant('mpE2eCrmRetryLtr', { ticketId: 'CRM-2003', paymentProfileId: '7000001003' }),
	escalate: crmVariant('mpE2eCrmEscalate', { ticketId: 'CRM-2004', paymentProfileId: '7000001002' }),
};

/** `n8n execute --id` and the run data of each node: { nodeName: [output0, output1, …] }. */
async function execute(workflowId) {
	const started = Date.now();
	const { stdout } = await n8nCli(env, ['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs: 180_000 });
	const data = parseExecuteOutput(stdout);
	const runData = data.data.resultData.runData;
	const outputs = Object.fromEntries(
		Object.entries(runData).map(([name, tasks]) => [name, (tasks[0].data?.main ?? []).map((o) => o ?? [])]),
	);
	console.log(`# n8n execute --id=${workflowId}: ${Date.now() - started} ms, nodes run: ${Object.keys(outputs).join(', ')}`);
	return { data, outputs, json: (node, output = 0) => (outputs[node]?.[output] ?? []).map((i) => i.json) };
}

before(async () => {
	assertInstalled();
	freshDir(WORK);
	freshDir(ARTIFACTS);
	const { startSandbox } = sandboxModule();
	sandbox = await startSandbox({ latencyMs: 5 });
	seedSandbox(sandbox);
	env = n8nEnv({ home, port: await freePort(), brokerPort: await freePort() });
	({ installedDir } = await packAndInstall(home));

	const credentialFile = writeCredentialFile(WORK, { baseUrl: sandbox.url, accessToken: sandbox.token });
	await n8nCli(env, ['import:credentials', `--input=${credentialFile}`]);
	const workflowsDir = freshDir(join(WORK, 'workflows'));
	for (const wf of [crm, sheet, ...Object.values(VARIANTS)]) {
		writeFileSync(join(workflowsDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	}
	await n8nCli(env, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
});

after(async () => {
	await sandbox?.close();
});

describe('the package installed as an n8n community package', () => {
	it('is the packed tarball: dist only, runtime dependencies only, no own n8n-workflow', () => {
		const installed = JSON.parse(readFileSync(join(installedDir, 'package.json'), 'utf8'));
		assert.equal(installed.version, PACKAGE.version);
		assert.deepEqual(installed.n8n, PACKAGE.n8n);
		for (const file of [...PACKAGE.n8n.nodes, ...PACKAGE.n8n.credentials]) {
			assert.doesNotThrow(() => readFileSync(join(installedDir, file)), file);
		}
		const nodeModules = join(home, '.n8n', 'nodes', 'node_modules');
		assert.throws(() => readFileSync(join(nodeModules, 'n8n-workflow', 'package.json')), 'n8n provides n8n-workflow');
		assert.throws(() => readFileSync(join(nodeModules, 'jest', 'package.json')), 'no devDependencies');
	});
});

describe('examples/crm-cancel-subscription.json run by `n8n execute`', () => {
	const customerId = '1012345680-carlaDias001';

	it('the sample event cancels the profile: success output and the "cancelled" reply', async () => {
		const run = await execute(crm.id);
		assert.equal(run.data.status, 'success');
		const [cancelled] = run.json('Cancel subscription', 0);
		assert.equal(run.json('Cancel subscription', 0).length, 1);
		assert.equal(run.json('Cancel subscription', 1).length, 0, 'nothing on the error output');
		assert.equal(cancelled.success, true);
		assert.equal(cancelled.customerId, customerId);
		assert.equal(cancelled.paymentProfileId, '7000001001');
		assert.match(cancelled.idempotencyKey, /^[0-9a-f-]{36}$/);
		assert.deepEqual(run.json('Reply: cancelled'), [
			{ outcome: 'cancelled', ticketId: 'CRM-1042', paymentProfileId: '7000001001', idempotencyKey: cancelled.idempotencyKey },
		]);
		assert.equal(run.outputs['Route by error code'], undefined, 'the error branch did not run');
		assert.equal(sandbox.getProfile(customerId, '7000001001').status, 'CANCELLED');
		assert.equal(sandbox.cancelCount(customerId, '7000001001'), 1);
	});

	it('the same event again (a duplicated webhook) answers "cancelled" and changes nothing', async () => {
		const run = await execute(crm.id);
		assert.equal(run.json('Reply: cancelled')[0].outcome, 'cancelled');
		assert.equal(sandbox.cancelCount(customerId, '7000001001'), 1, 'never cancelled twice');
		assert.equal(sandbox.keysFor(customerId, '7000001001').length, 1, 'both runs sent the same idempotency key');
	});

	const routes = [
		['notFound', 'Reply: nothing to cancel', 'not_found', 'resource_not_found', 'CRM-2001'],
		['mismatch', 'Reply: check the IDs', 'check_ids', 'customer_id_mismatch', 'CRM-2002'],
		['retryLater', 'Reply: retry later', 'retry_later', 'internal_server_error', 'CRM-2003'],
		['escalate', 'Reply: escalate', 'escalate', 'unknown_error_occurred', 'CRM-2004'],
	];
	for (const [variant, replyNode, outcome, code, ticketId] of routes) {
		it(`error output → "Route by error code" on error.code = ${code} → "${replyNode}"`, async () => {
			if (variant === 'retryLater') {
				// Mercado Pago keeps failing: the node's 3 retries run out, the error is retryable.
				sandbox.inject({ kind: 'status', status: 503, times: 4, match: { paymentProfileId: '7000001003' } });
			}
			const run = await execute(VARIANTS[variant].id);
			assert.equal(run.json('Cancel subscription', 0).length, 0, 'nothing on the success output');
			const [failed] = run.json('Cancel subscription', 1);
			assert.equal(failed.error.code, code);
			assert.equal(failed.ticketId, ticketId, 'n8n merged the input item into the error item');
			const reply = run.json(replyNode);
			assert.equal(reply.length, 1);
			assert.equal(reply[0].outcome, outcome);
			assert.equal(reply[0].errorCode, code);
			assert.equal(reply[0].ticketId, ticketId);
			const otherReplies = routes.map((r) => r[1]).filter((n) => n !== replyNode);
			for (const other of [...otherReplies, 'Reply: cancelled']) {
				assert.equal(run.outputs[other], undefined, `${other} did not run`);
			}
			assert.ok(!JSON.stringify(run.data).includes(sandbox.token), 'the token appears nowhere in the run');
		});
	}
	it('the retryable failure retried with one idempotency key and cancelled nothing', () => {
		assert.equal(sandbox.keysFor(customerId, '7000001003').length, 1);
		assert.equal(sandbox.cancelCount(customerId, '7000001003'), 0);
		assert.equal(sandbox.getProfile(customerId, '7000001003').status, 'READY');
	});
});

describe('examples/sheet-batch-cancel.json run by `n8n execute`', () => {
	let run;
	before(async () => {
		run = await execute(sheet.id);
	});

	it('every row comes out once: successes and failures on separate outputs, in row order', () => {
		assert.deepEqual(run.json('Cancel payment profiles', 0).map((j) => j.paymentProfileId), ['7000002001', '7000002002', '7000002003']);
		assert.deepEqual(
			run.json('Cancelled rows').map(({ row, status }) => ({ row, status })),
			[2, 3, 4].map((row) => ({ row, status: 'CANCELLED' })),
		);
		assert.deepEqual(
			run.json('Failed rows').map(({ row, errorCode, retryable }) => ({ row, errorCode, retryable })),
			[
				{ row: 5, errorCode: 'resource_not_found', retryable: false },
				{ row: 6, errorCode: 'customer_id_mismatch', retryable: false },
				{ row: 7, errorCode: 'site_id_mismatch', retryable: false },
				{ row: 8, errorCode: 'invalid_input', retryable: false },
			],
		);
		for (const failed of run.json('Failed rows')) {
			assert.ok(failed.message && failed.whatToCheck, `row ${failed.row} says what went wrong and what to check`);
		}
	});

	it('writes cancelled.csv and failed.csv', () => {
		const file = (node) => run.outputs[node][0].map((i) => i.binary?.data);
		assert.deepEqual(file('cancelled.csv').map((b) => [b.fileName, b.mimeType]), [['cancelled.csv', 'text/csv']]);
		assert.deepEqual(file('failed.csv').map((b) => [b.fileName, b.mimeType]), [['failed.csv', 'text/csv']]);
	});

	it('the sandbox cancelled exactly the three good rows, once each', () => {
		const ana = '1012345678-anaSilva0001';
		const bruno = '1012345679-brunoCosta01';
		for (const [customer, profile] of [[ana, '7000002001'], [ana, '7000002002'], [bruno, '7000002003']]) {
			assert.equal(sandbox.getProfile(customer, profile).status, 'CANCELLED');
			assert.equal(sandbox.cancelCount(customer, profile), 1);
		}
		assert.equal(sandbox.getProfile(bruno, '7000002004').status, 'READY');
	});
});

describe('`n8n start` on loopback with the package loaded', () => {
	let server;
	let cookie;
	before(async () => {
		server = await startN8n(env, { logFile: join(ARTIFACTS, 'n8n-start.log') });
		cookie = await setupOwner(server.url);
	});
	after(async () => {
		await stopN8n(server?.child);
	});

	it('serves the node and the credential among its types', async () => {
		const nodeTypes = await rest(server.url, cookie, '/types/nodes.json');
		const node = nodeTypes.find((t) => t.name === NODE_TYPE);
		assert.ok(node, `${NODE_TYPE} is in /types/nodes.json`);
		assert.equal(node.displayName, 'Mercado Pago');
		const names = node.properties.map((p) => p.name);
		for (const name of ['resource', 'operation', 'customerId', 'paymentProfileId', 'idempotencyKeyMode', 'options']) {
			assert.ok(names.includes(name), `property ${name}`);
		}
		const credentialTypes = await rest(server.url, cookie, '/types/credentials.json');
		const credential = credentialTypes.find((t) => t.name === CREDENTIAL_TYPE);
		assert.ok(credential, `${CREDENTIAL_TYPE} is in /types/credentials.json`);
		assert.equal(credential.displayName, 'Mercado Pago API');
	});

	it('lists the imported credential and the examples', async () => {
		const credentials = (await rest(server.url, cookie, '/rest/credentials')).data;
		assert.ok(credentials.some((c) => c.id === CREDENTIAL_ID && c.type === CREDENTIAL_TYPE));
		const workflows = (await rest(server.url, cookie, '/rest/workflows')).data;
		for (const id of [crm.id, sheet.id]) assert.ok(workflows.some((w) => w.id === id), id);
	});

	it('in Chromium: the node panel finds the node, its form has the fields, the credential test passes', async () => {
		const result = await checkEditor({
			url: server.url,
			artifacts: ARTIFACTS,
			sandbox: {
				url: sandbox.url,
				token: sandbox.token,
				credentialTested: () => sandbox.requests.some((r) => r.route === 'me' && r.status === 200),
			},
			workflows: [
				{ id: crm.id, name: 'crm' },
				{ id: sheet.id, name: 'sheet' },
			],
			step: (what) => console.log(`# editor: ${what}`),
		});
		assert.deepEqual(result.fields, { customerId: true, paymentProfileId: true, idempotencyKeyMode: true });
		assert.match(result.credentialTest, /Connection tested successfully/i);
		const nodesOf = (wf) => wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
		assert.equal(result.canvases.crm, nodesOf(crm), 'every node of the CRM example is on the canvas');
		assert.equal(result.canvases.sheet, nodesOf(sheet), 'every node of the sheet example is on the canvas');
		assert.ok(sandbox.requests.some((r) => r.route === 'me' && r.status === 200), 'the sandbox answered the credential test');
	});
});
