/**
 * `npm run test:e2e`: this package inside the real n8n 2.41.1 (Node 24), end to end.
 *
 * 1. `npm pack` + install of the tarball as a community package in a fresh n8n user folder.
 * 2. The credential imported with `n8n import:credentials`, pointed at the loopback sandbox;
 *    the examples (and variants of the CRM one that only change its sample event) imported
 *    with `n8n import:workflow` and run with `n8n execute`; what came out of each branch is
 *    checked, and so is the sandbox's state.
 * 3. `n8n start` on loopback; in Debian's Chromium (playwright-core): the node panel lists
 *    the node's actions, the Cancel form opens on its notice, a new node and a new AI Agent
 *    tool start on Customer > Search (version 1 keeps Payment Profile > Cancel), the
 *    credential test passes against the sandbox, and Execute workflow on the CRM example
 *    runs its sample event. Screenshots go to artifacts/e2e/ (not committed).
 *
 * 4. The Mercado Pago Trigger in `n8n start`: published workflows get 300 notifications at once
 *    (genuine, redelivered, forged, stale, unsigned, IPN, malformed, unselected topics) at the
 *    Production URL, one gets a notification at the Test URL, and the two trigger examples run
 *    on the notifications they are for. Counts and times go to artifacts/e2e/trigger-summary.json.
 *
 * Every test sets up the sandbox state it reads, so any one runs alone
 * (`--test-name-pattern`). Run with Node 24 (scripts/node24.js) after scripts/install; see
 * package.json `test:e2e`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { aiAgentTool, canvas, cancelForm, credentialTest, executeWorkflow, nodeForm, nodePanel, openEditor } from './editor.mjs';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	EXAMPLES,
	NODE_TYPE,
	PACKAGE,
	ROOT,
	TRIGGER_TYPE,
	WEBHOOK_SECRET,
	activateWorkflow,
	assertInstalled,
	freePort,
	freshDir,
	n8nCli,
	n8nEnv,
	notifierModule,
	ownerSession,
	packAndInstall,
	parseExecuteOutput,
	productionUrl,
	registryModule,
	rest,
	sandboxModule,
	setupOwner,
	startN8n,
	stopN8n,
	waitUntilRegistered,
	writeCredentialFile,
} from './lib.mjs';
import { NOTIFICATIONS, SUBSCRIPTIONS, seedSandbox } from './seed.mjs';
import { BURST, SELECTED, TRIGGER_NODE, deliverLikeMercadoPago, describeBurst, finishedExecutions, mixedBurst, seedBurstObjects, tally, triggerItems, triggerWorkflow } from './trigger.mjs';

const WORK = join(ROOT, '.cache', 'e2e');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const home = join(WORK, 'n8n-home');

let sandbox;
let env;
let installedDir;

const crm = JSON.parse(readFileSync(EXAMPLES.crm, 'utf8'));
const sheet = JSON.parse(readFileSync(EXAMPLES.sheet, 'utf8'));
const subscriptionSheet = JSON.parse(readFileSync(EXAMPLES.subscriptionSheet, 'utf8'));
const dunning = JSON.parse(readFileSync(EXAMPLES.dunning, 'utf8'));
const payerCancelled = JSON.parse(readFileSync(EXAMPLES.payerCancelled, 'utf8'));
/**
 * n8n's own Webhook node with Header Auth (a webhook that, like the trigger, reads a credential
 * for every call), to measure n8n's own time to answer the same burst.
 */
const HEADER_AUTH = { id: 'mpE2eHeaderAuth01', name: 'e2e header auth', type: 'httpHeaderAuth', data: { name: 'x-e2e-auth', value: 'e2e-header-value' } };
const PLAIN_WEBHOOK = {
	id: 'mpE2ePlainWebhook',
	name: "e2e: n8n's Webhook node with Header Auth, for comparison",
	nodes: [
		{
			parameters: { httpMethod: 'POST', path: 'e2e-header-auth-burst', authentication: 'headerAuth', options: {} },
			id: '5e2e0000-0000-4000-8000-7a1e00000103',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '5e2e0000-0000-4000-8000-7a1e00000003',
			credentials: { httpHeaderAuth: { id: HEADER_AUTH.id, name: HEADER_AUTH.name } },
		},
		{ parameters: {}, id: '5e2e0000-0000-4000-8000-7a1e00000104', name: 'Handle the call', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0] },
	],
	connections: { Webhook: { main: [[{ node: 'Handle the call', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
};
/** Two published workflows for the bursts: every delivery starts one, or every notification. */
const TRIGGERS = {
	each: triggerWorkflow({ id: 'mpE2eTriggerEach', name: 'e2e: the trigger, one execution per delivery', webhookId: '5e2e0000-0000-4000-8000-7a1e00000001' }),
	drop: triggerWorkflow({
		id: 'mpE2eTriggerDrop',
		name: 'e2e: the trigger with Drop Redeliveries',
		webhookId: '5e2e0000-0000-4000-8000-7a1e00000002',
		options: { dropRedeliveries: true },
	}),
};

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

/** A workflow holding one Mercado Pago node saved with no resource or operation: its version decides both. */
function bareNode(id, typeVersion) {
	return {
		id,
		name: `e2e: a version ${typeVersion} node saved without a resource or operation`,
		nodes: [{ parameters: {}, id: `0e2e0000-0000-4000-8000-00000000000${typeVersion}`, name: 'Mercado Pago', type: NODE_TYPE, typeVersion, position: [0, 0] }],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
const BARE = { v1: bareNode('mpE2eBareNodeV01', 1), v2: bareNode('mpE2eBareNodeV02', 2) };

/** Every test that reads the sandbox starts from the seeded state, whatever ran before it. */
function freshSandbox() {
	sandbox.reset();
	seedSandbox(sandbox);
}

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
	return {
		data,
		outputs,
		json: (node, output = 0) => (outputs[node]?.[output] ?? []).map((i) => i.json),
		hints: (node) => runData[node]?.[0]?.hints ?? [],
		/** The rows of a file a Convert to File node wrote: n8n 2.x keeps binary data on disk. */
		csv: (node) => {
			const [binary] = outputs[node][0].map((i) => i.binary.data);
			const file = join(home, '.n8n', 'storage', binary.id.replace(/^filesystem-v2:/, ''));
			const [header, ...rows] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
			return { fileName: binary.fileName, mimeType: binary.mimeType, header: header.split(','), rows: rows.map((r) => r.split(',')) };
		},
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
	const headerAuthFile = join(WORK, 'header-auth.json');
	writeFileSync(headerAuthFile, JSON.stringify([HEADER_AUTH]));
	await n8nCli(env, ['import:credentials', `--input=${headerAuthFile}`]);
	const workflowsDir = freshDir(join(WORK, 'workflows'));
	for (const wf of [crm, sheet, subscriptionSheet, dunning, payerCancelled, PLAIN_WEBHOOK, ...Object.values(TRIGGERS), ...Object.values(VARIANTS), ...Object.values(BARE)]) {
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

describe('examples/crm-cancel-payment-profile.json run by `n8n execute`', () => {
	const customerId = '1012345680-carlaDias001';
	beforeEach(freshSandbox);

	it('the sample event cancels the profile: success output and the "cancelled" reply', async () => {
		const run = await execute(crm.id);
		assert.equal(run.data.status, 'success');
		const [cancelled] = run.json('Cancel payment profile', 0);
		assert.equal(run.json('Cancel payment profile', 0).length, 1);
		assert.equal(run.json('Cancel payment profile', 1).length, 0, 'nothing on the error output');
		assert.equal(cancelled.success, true);
		assert.equal(cancelled.customerId, customerId);
		assert.equal(cancelled.paymentProfileId, '7000001001');
		assert.equal(cancelled.status, 'CANCELLED');
		assert.equal(cancelled.alreadyCancelled, false);
		assert.match(cancelled.idempotencyKey, UUID);
		assert.deepEqual(run.json('Reply: cancelled'), [
			{ outcome: 'cancelled', ticketId: 'CRM-1042', paymentProfileId: '7000001001', idempotencyKey: cancelled.idempotencyKey },
		]);
		assert.equal(run.outputs['Route by error code'], undefined, 'the error branch did not run');
		assert.equal(run.outputs['CRM webhook'], undefined, 'the webhook did not start it');
		assert.equal(sandbox.getProfile(customerId, '7000001001').status, 'CANCELLED');
		assert.equal(sandbox.cancelCount(customerId, '7000001001'), 1);
	});

	it('the same event again (a duplicated webhook) answers "cancelled" and changes nothing', async () => {
		const first = await execute(crm.id);
		const again = await execute(crm.id);
		const [reply] = again.json('Reply: cancelled');
		assert.equal(reply.outcome, 'cancelled');
		assert.equal(reply.idempotencyKey, first.json('Reply: cancelled')[0].idempotencyKey, 'the same event, the same key');
		assert.equal(sandbox.cancelCount(customerId, '7000001001'), 1, 'never cancelled twice');
		assert.equal(sandbox.keysFor(customerId, '7000001001').length, 1, 'both runs sent the same idempotency key');
	});

	const routes = [
		{ variant: 'notFound', reply: 'Reply: nothing to cancel', outcome: 'not_found', code: 'resource_not_found', ticketId: 'CRM-2001' },
		{ variant: 'mismatch', reply: 'Reply: check the IDs', outcome: 'check_ids', code: 'customer_id_mismatch', ticketId: 'CRM-2002' },
		{
			variant: 'retryLater',
			reply: 'Reply: retry later',
			outcome: 'retry_later',
			code: 'internal_server_error',
			ticketId: 'CRM-2003',
			// Mercado Pago keeps failing: the node's 3 retries run out, the error is retryable.
			fault: { kind: 'status', status: 503, times: 4, match: { paymentProfileId: '7000001003' } },
			also: 'after 4 attempts with one idempotency key, cancelling nothing',
			check: (failed) => {
				assert.equal(failed.error.attempts, 4);
				assert.equal(sandbox.keysFor(customerId, '7000001003').length, 1);
				assert.equal(sandbox.cancelCount(customerId, '7000001003'), 0);
				assert.equal(sandbox.getProfile(customerId, '7000001003').status, 'READY');
			},
		},
		{ variant: 'escalate', reply: 'Reply: escalate', outcome: 'escalate', code: 'unknown_error_occurred', ticketId: 'CRM-2004' },
	];
	for (const { variant, reply: replyNode, outcome, code, ticketId, fault, also, check } of routes) {
		it(`error output → "Route by error code" on error.code = ${code} → "${replyNode}"${also ? `, ${also}` : ''}`, async () => {
			if (fault) sandbox.inject(fault);
			const run = await execute(VARIANTS[variant].id);
			assert.equal(run.json('Cancel payment profile', 0).length, 0, 'nothing on the success output');
			const [failed] = run.json('Cancel payment profile', 1);
			assert.equal(failed.error.code, code);
			assert.equal(failed.ticketId, ticketId, 'n8n merged the input item into the error item');
			const reply = run.json(replyNode);
			assert.equal(reply.length, 1);
			assert.equal(reply[0].outcome, outcome);
			assert.equal(reply[0].errorCode, code);
			assert.equal(reply[0].ticketId, ticketId);
			const otherReplies = routes.map((r) => r.reply).filter((n) => n !== replyNode);
			for (const other of [...otherReplies, 'Reply: cancelled']) {
				assert.equal(run.outputs[other], undefined, `${other} did not run`);
			}
			assert.ok(!JSON.stringify(run.data).includes(sandbox.token), 'the token appears nowhere in the run');
			check?.(failed);
		});
	}
});

/** The description of a failure names what failed, with none of the catalogue's placeholders left. */
function assertWordsFilled(failed, subject) {
	assert.ok(failed.message && failed.whatToCheck, `row ${failed.row} says what went wrong and what to check`);
	for (const text of [failed.message, failed.whatToCheck]) assert.doesNotMatch(text, /\*[a-z ]+\*/, `row ${failed.row}: ${text}`);
	if (failed.errorCode === 'resource_not_found') assert.match(failed.message, new RegExp(`The ${subject} was not found`));
}

describe('examples/sheet-batch-cancel-payment-profiles.json run by `n8n execute`', () => {
	const ana = '1012345678-anaSilva0001';
	const bruno = '1012345679-brunoCosta01';
	let run;
	// One run for the three tests below, which only read it and the sandbox after it.
	before(async () => {
		freshSandbox();
		run = await execute(sheet.id);
	});

	it('every row comes out once: successes and failures on separate outputs, in row order, with a summary', () => {
		const cancelled = run.json('Cancel payment profiles', 0);
		assert.deepEqual(
			cancelled.map(({ customerId, paymentProfileId, status, alreadyCancelled }) => ({ customerId, paymentProfileId, status, alreadyCancelled })),
			[
				[ana, '7000002001'],
				[ana, '7000002002'],
				[bruno, '7000002003'],
			].map(([customerId, paymentProfileId]) => ({ customerId, paymentProfileId, status: 'CANCELLED', alreadyCancelled: false })),
		);
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
		for (const failed of run.json('Failed rows')) assertWordsFilled(failed, 'payment profile');
		assert.deepEqual(
			run.hints('Cancel payment profiles').map((h) => h.message),
			['3 cancelled, 4 failed: see the Error output'],
		);
	});

	it('writes cancelled.csv and failed.csv with one line per row', () => {
		const cancelled = run.csv('cancelled.csv');
		assert.deepEqual([cancelled.fileName, cancelled.mimeType], ['cancelled.csv', 'text/csv']);
		assert.deepEqual(cancelled.header, ['row', 'customerId', 'paymentProfileId', 'status', 'idempotencyKey']);
		assert.deepEqual(cancelled.rows.map((r) => r.slice(0, 4)), [
			['2', ana, '7000002001', 'CANCELLED'],
			['3', ana, '7000002002', 'CANCELLED'],
			['4', bruno, '7000002003', 'CANCELLED'],
		]);
		const failed = run.csv('failed.csv');
		assert.deepEqual([failed.fileName, failed.mimeType], ['failed.csv', 'text/csv']);
		assert.deepEqual(failed.header.slice(0, 4), ['row', 'customerId', 'paymentProfileId', 'errorCode']);
		assert.deepEqual(failed.rows.map((r) => [r[0], r[3]]), [
			['5', 'resource_not_found'],
			['6', 'customer_id_mismatch'],
			['7', 'site_id_mismatch'],
			['8', 'invalid_input'],
		]);
	});

	it('the sandbox cancelled exactly the three good rows, once each', () => {
		for (const [customer, profile] of [[ana, '7000002001'], [ana, '7000002002'], [bruno, '7000002003']]) {
			assert.equal(sandbox.getProfile(customer, profile).status, 'CANCELLED');
			assert.equal(sandbox.cancelCount(customer, profile), 1);
		}
		assert.equal(sandbox.getProfile(bruno, '7000002004').status, 'READY');
	});
});

describe('examples/sheet-batch-cancel-subscriptions.json run by `n8n execute`', () => {
	const [active, paused, cancelledBefore] = SUBSCRIPTIONS.map((s) => s.id);
	let run;
	// One run for the three tests below, which only read it and the sandbox after it.
	before(async () => {
		freshSandbox();
		run = await execute(subscriptionSheet.id);
	});

	it('every row comes out once: cancelled, already cancelled as a success, failures with their code', () => {
		const done = run.json('Cancel subscriptions', 0);
		assert.deepEqual(
			done.map(({ success, subscriptionId, status, alreadyCancelled }) => ({ success, subscriptionId, status, alreadyCancelled })),
			[
				{ success: true, subscriptionId: active, status: 'cancelled', alreadyCancelled: false },
				{ success: true, subscriptionId: paused, status: 'cancelled', alreadyCancelled: false },
				{ success: true, subscriptionId: cancelledBefore, status: 'cancelled', alreadyCancelled: true },
			],
		);
		for (const item of done) assert.match(item.idempotencyKey, UUID);
		assert.deepEqual(
			run.json('Cancelled rows').map(({ row, alreadyCancelled }) => ({ row, alreadyCancelled })),
			[
				{ row: 2, alreadyCancelled: false },
				{ row: 3, alreadyCancelled: false },
				{ row: 4, alreadyCancelled: true },
			],
		);
		const [notFound, noId] = run.json('Cancel subscriptions', 1);
		assert.equal(notFound.error.code, 'resource_not_found');
		assert.equal(notFound.error.httpStatus, 404);
		assert.equal(notFound.error.subscriptionId, '2c93808490a1e5c70190a2b3c4d59999');
		assert.equal(noId.error.code, 'invalid_input');
		assert.equal(noId.error.attempts, 0, 'nothing was sent for a row without an id');
		assert.deepEqual(
			run.json('Failed rows').map(({ row, errorCode, retryable }) => ({ row, errorCode, retryable })),
			[
				{ row: 5, errorCode: 'resource_not_found', retryable: false },
				{ row: 6, errorCode: 'invalid_input', retryable: false },
			],
		);
		for (const failed of run.json('Failed rows')) assertWordsFilled(failed, 'subscription');
		assert.deepEqual(
			run.hints('Cancel subscriptions').map((h) => h.message),
			['2 cancelled, 1 already cancelled, 2 failed: see the Error output'],
		);
	});

	it('writes cancelled.csv and failed.csv with one line per row', () => {
		const cancelled = run.csv('cancelled.csv');
		assert.deepEqual([cancelled.fileName, cancelled.mimeType], ['cancelled.csv', 'text/csv']);
		assert.deepEqual(cancelled.header, ['row', 'subscriptionId', 'status', 'alreadyCancelled', 'idempotencyKey']);
		assert.deepEqual(cancelled.rows.map((r) => r.slice(0, 4)), [
			['2', active, 'cancelled', 'FALSE'],
			['3', paused, 'cancelled', 'FALSE'],
			['4', cancelledBefore, 'cancelled', 'TRUE'],
		]);
		const failed = run.csv('failed.csv');
		assert.deepEqual([failed.fileName, failed.mimeType], ['failed.csv', 'text/csv']);
		assert.deepEqual(failed.header.slice(0, 3), ['row', 'subscriptionId', 'errorCode']);
		assert.deepEqual(failed.rows.map((r) => r.slice(0, 3)), [
			['5', '2c93808490a1e5c70190a2b3c4d59999', 'resource_not_found'],
			['6', '', 'invalid_input'],
		]);
	});

	it('the sandbox cancelled the active and the paused subscription once each, and left the cancelled one alone', () => {
		for (const id of [active, paused]) {
			assert.equal(sandbox.getSubscription(id).status, 'cancelled');
			assert.deepEqual(sandbox.subscriptionChanges(id), ['cancelled']);
			assert.equal(sandbox.keysFor(id).length, 1);
		}
		assert.deepEqual(sandbox.subscriptionChanges(cancelledBefore), [], 'already cancelled: nothing changed');
	});
});

describe('`n8n start` on loopback with the package loaded', () => {
	let server;
	let cookie;
	let editor;
	// One n8n and one signed-in browser for the tests below; each check opens its own page.
	before(async () => {
		server = await startN8n(env, { logFile: join(ARTIFACTS, 'n8n-start.log') });
		cookie = await setupOwner(server.url);
		editor = await openEditor({ url: server.url, artifacts: ARTIFACTS });
	});
	after(async () => {
		await editor?.close();
		await stopN8n(server?.child);
	});
	const saw = (what, value) => console.log(`# editor: ${what}: ${JSON.stringify(value)}`);

	it('serves the node, version 2 by default, and the credential among its types', async () => {
		const nodeTypes = await rest(server.url, cookie, '/types/nodes.json');
		const node = nodeTypes.find((t) => t.name === NODE_TYPE);
		assert.ok(node, `${NODE_TYPE} is in /types/nodes.json`);
		assert.equal(node.displayName, 'Mercado Pago');
		assert.deepEqual(node.version, [1, 2]);
		assert.equal(node.defaultVersion, 2);
		const names = node.properties.map((p) => p.name);
		for (const name of ['resource', 'operation', 'irreversibleNotice', 'customerId', 'paymentProfileId', 'subscriptionId', 'idempotencyKeyMode', 'options']) {
			assert.ok(names.includes(name), `property ${name}`);
		}
		assert.ok(nodeTypes.some((t) => t.name === `${NODE_TYPE}Tool`), 'n8n made the AI Agent tool variant');
		const credentialTypes = await rest(server.url, cookie, '/types/credentials.json');
		const credential = credentialTypes.find((t) => t.name === CREDENTIAL_TYPE);
		assert.ok(credential, `${CREDENTIAL_TYPE} is in /types/credentials.json`);
		assert.equal(credential.displayName, 'Mercado Pago API');
	});

	it('lists the imported credential and the examples', async () => {
		const credentials = (await rest(server.url, cookie, '/rest/credentials')).data;
		assert.ok(credentials.some((c) => c.id === CREDENTIAL_ID && c.type === CREDENTIAL_TYPE));
		const workflows = (await rest(server.url, cookie, '/rest/workflows')).data;
		for (const id of [crm.id, sheet.id, subscriptionSheet.id]) assert.ok(workflows.some((w) => w.id === id), id);
	});

	it('in Chromium: the node panel finds the node and lists each action once, under its resource', async () => {
		const { entries, sections, triggers } = await nodePanel(editor);
		saw('node panel entries', entries);
		assert.deepEqual(triggers, [
			'On any topic',
			'On card updated',
			'On payment',
			'On payment profile',
			'On subscription',
			'On subscription charge',
			'On subscription plan',
		]);
		// Every operation of the registry the package was built with, under its resource, in the panel's order.
		const expected = {};
		for (const { resource, operation } of registryModule().REGISTRY) {
			(expected[`${resource.name.toUpperCase()} ACTIONS`] ??= []).push(operation.action);
		}
		for (const actions of Object.values(expected)) actions.sort((a, b) => a.localeCompare(b));
		assert.deepEqual(sections, expected);
	});

	it('in Chromium: the Cancel form opens on the irreversible notice, then its customer, profile and key fields', async () => {
		const { fields, order, version } = await cancelForm(editor);
		saw('Cancel form, parameters in order', order.slice(0, 6));
		saw('Cancel form, Settings tab', version);
		assert.deepEqual(fields, { customerId: true, paymentProfileId: true, idempotencyKeyMode: true });
		const [resource, operation, notice, ...below] = order;
		assert.deepEqual([resource, operation], ['resource', 'operation']);
		assert.match(
			notice?.notice ?? '',
			/^Cancelling a payment profile cannot be undone\. For a batch, set Settings > On Error to "Continue \(using error output\)"/,
		);
		assert.deepEqual(below.slice(0, 3), ['customerId', 'paymentProfileId', 'idempotencyKeyMode']);
		assert.equal(version, 'Mercado Pago node version 2 (Latest)', 'the node panel adds version 2');
	});

	it('in Chromium: a version 2 node with nothing chosen shows Customer > Search; version 1 keeps Payment Profile > Cancel', async () => {
		const v2 = await nodeForm(editor, { workflowId: BARE.v2.id, nodeName: 'Mercado Pago', screenshot: 'new-node-v2-form' });
		const v1 = await nodeForm(editor, { workflowId: BARE.v1.id, nodeName: 'Mercado Pago', screenshot: 'saved-v1-node-form' });
		saw('version 2 node form', v2);
		saw('version 1 node form', v1);
		assert.deepEqual(v2, { resource: 'Customer', operation: 'Search', version: 'Mercado Pago node version 2 (Latest)' });
		assert.deepEqual(v1, { resource: 'Payment Profile', operation: 'Cancel', version: 'Mercado Pago node version 1 (Latest version: 2)' });
	});

	it('in Chromium: Mercado Pago Tool added to an AI Agent starts on Customer > Search', async () => {
		const tool = await aiAgentTool(editor);
		saw('AI Agent tool form', tool);
		assert.deepEqual(tool, {
			resource: 'Customer',
			operation: 'Search',
			version: 'Mercado Pago Tool node version 2 (Latest)',
			nodeName: 'Search customers by email in Mercado Pago',
		});
	});

	it('in Chromium: a credential pointing at the sandbox passes n8n\'s credential test', async () => {
		const from = sandbox.requests.length;
		const tested = () => sandbox.requests.slice(from).some((r) => r.route === 'me' && r.status === 200);
		const verdict = await credentialTest(editor, { token: sandbox.token, baseUrl: sandbox.url, tested });
		saw('credential test', verdict);
		assert.match(verdict, /Connection tested successfully/i);
		assert.ok(tested(), 'the sandbox answered the credential test');
	});

	it('in Chromium: the examples open with every node on the canvas', async () => {
		const nodesOf = (wf) => wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
		const examples = [
			[crm, 'workflow-crm'],
			[sheet, 'workflow-sheet'],
			[subscriptionSheet, 'workflow-subscription-sheet'],
			[dunning, 'workflow-dunning'],
			[payerCancelled, 'workflow-payer-cancelled'],
		];
		for (const [wf, screenshot] of examples) {
			assert.equal(await canvas(editor, { workflowId: wf.id, screenshot }), nodesOf(wf), `every node of ${wf.name} is on the canvas`);
		}
	});

	it('in Chromium: Execute workflow on the CRM example starts the manual trigger and runs the sample event', async () => {
		freshSandbox();
		const run = await executeWorkflow(editor, { workflowId: crm.id, screenshot: 'crm-execute-workflow' });
		saw('CRM Execute workflow button', { label: run.label, chooseTrigger: run.chooseTrigger, waitingForTrigger: run.waitingForTrigger });
		saw('CRM nodes that ran', Object.entries(run.nodes).filter(([, n]) => n.ran).map(([name, n]) => `${name} ${n.items.join(' ')}`.trim()));
		assert.equal(run.label, 'Execute workflow', 'no "from CRM webhook": the manual trigger is the only one to start');
		assert.equal(run.waitingForTrigger, false, 'it did not wait for a webhook call');
		for (const name of ["When clicking 'Execute workflow'", 'Sample CRM event', 'Read the event', 'Cancel payment profile', 'Reply: cancelled']) {
			assert.equal(run.nodes[name]?.ran, true, `${name} ran`);
		}
		assert.deepEqual(run.nodes['Reply: cancelled'].items, ['1 item']);
		for (const name of ['CRM webhook', 'Route by error code']) assert.equal(run.nodes[name]?.ran, false, `${name} did not run`);
		assert.equal(sandbox.cancelCount('1012345680-carlaDias001', '7000001001'), 1, 'the sample event reached Mercado Pago');
	});
});

describe('the Mercado Pago Trigger in `n8n start`: notifications at the Production and the Test URL', () => {
	let server;
	let cookie;
	let notifierFor;
	const summary = {};
	const urls = {};
	before(async () => {
		freshSandbox();
		server = await startN8n(env, { logFile: join(ARTIFACTS, 'n8n-trigger.log') });
		cookie = await ownerSession(server.url);
		for (const wf of [...Object.values(TRIGGERS), dunning, payerCancelled]) {
			await activateWorkflow(server.url, cookie, wf.id);
			urls[wf.id] = productionUrl(server.url, wf);
			await waitUntilRegistered(urls[wf.id]);
		}
		await activateWorkflow(server.url, cookie, PLAIN_WEBHOOK.id);
		const { Notifier } = notifierModule();
		notifierFor = (url) => new Notifier({ url, secret: WEBHOOK_SECRET });
	});
	after(async () => {
		await stopN8n(server?.child);
		writeFileSync(join(ARTIFACTS, 'trigger-summary.json'), JSON.stringify(summary, null, 2));
		console.log(`# trigger: ${JSON.stringify(summary)}`);
	});

	it('serves the trigger as an n8n trigger node with its events', async () => {
		const node = (await rest(server.url, cookie, '/types/nodes.json')).find((t) => t.name === TRIGGER_TYPE);
		assert.ok(node, `${TRIGGER_TYPE} is in /types/nodes.json`);
		assert.equal(node.displayName, 'Mercado Pago Trigger');
		assert.deepEqual(node.group, ['trigger']);
		assert.deepEqual(node.webhooks.map((w) => [w.httpMethod, w.responseMode]), [['POST', 'onReceived']]);
		for (const name of ['events', 'acceptUnsigned', 'options']) assert.ok(node.properties.some((p) => p.name === name), name);
	});

	/**
	 * Sends BURST to a workflow at once, delivering again what n8n did not answer as Mercado Pago
	 * would; what came back and what n8n ran. Executions without the trigger's item are n8n's
	 * record of a call it failed before the trigger answered.
	 */
	async function burst(wf, minimumExecutions) {
		const objects = seedBurstObjects(sandbox);
		const notifier = notifierFor(urls[wf.id]);
		const { deliveries, genuineIds, refusedIds } = mixedBurst(notifier, objects);
		assert.equal(deliveries.length, 300);
		const readsBefore = sandbox.requests.length;
		const started = Date.now();
		const sent = await deliverLikeMercadoPago(notifier, deliveries);
		const answeredMs = Date.now() - started;
		const executions = await finishedExecutions(server.url, cookie, wf.id, minimumExecutions);
		const all = await triggerItems(server.url, cookie, executions);
		const runs = all.filter((r) => r.item);
		const reads = sandbox.requests.slice(readsBefore).filter((r) => ['payment', 'subscription', 'authorizedPayment'].includes(r.route));
		/** Executions per notification id, and the most each could have had: one per attempt answered 200 or not answered at all. */
		const perNotification = new Map();
		for (const { item } of runs) perNotification.set(item.event.id, (perNotification.get(item.event.id) ?? 0) + 1);
		const attemptsOf = new Map();
		deliveries.forEach((d, i) => {
			if (d.notification) attemptsOf.set(String(d.notification.id), (attemptsOf.get(String(d.notification.id)) ?? 0) + sent.attempts[i]);
		});
		const report = {
			first: tally(sent.first),
			final: tally(sent.final),
			resent: sent.resent,
			executions: runs.length,
			n8nFailedCalls: all.length - runs.length,
			reads: reads.length,
			burstAnsweredMs: answeredMs,
		};
		return { ...sent, deliveries, runs, reads, genuineIds, refusedIds, perNotification, attemptsOf, report };
	}

	/** What every burst must show, whatever the workflow's options. */
	function assertBurst({ final, runs, refusedIds, genuineIds, reads, perNotification, attemptsOf }) {
		for (const kind of ['wrongSecret', 'stale', 'unsigned', 'ipn', 'malformed']) {
			const answered = final.filter((r) => r.delivery.kind === kind).map((r) => r.status);
			assert.deepEqual([...new Set(answered)], [401], `${kind}: every one refused`);
		}
		const unselected = final.filter((r) => r.delivery.kind === 'signed' && !SELECTED.includes(r.delivery.notification.type));
		assert.equal(unselected.length, BURST.unselected);
		for (const r of unselected) assert.deepEqual([r.status, JSON.parse(r.body).started], [200, false]);
		assert.deepEqual(runs.filter((r) => refusedIds.has(r.item.event.id)), [], 'no refused notification started anything');
		assert.deepEqual(new Set(perNotification.keys()), genuineIds, 'every genuine notification started, and nothing else');
		for (const [id, count] of perNotification) assert.ok(count <= attemptsOf.get(id), `${id}: ${count} executions, at most one per attempt`);
		for (const { item, status, outputs } of runs) {
			assert.equal(status, 'success');
			assert.equal(item.event.verified, true);
			assert.equal(item.error, undefined, `read ${item.event.type} ${item.event.dataId}`);
			assert.equal(String(item.resource.id), item.event.dataId);
			assert.equal(outputs['Handle the notification'].length, 1, 'the workflow ran on');
		}
		assert.ok(reads.length >= runs.length, 'every execution carries what was read for it');
		assert.deepEqual(final.filter((r) => r.status === 0 || r.status >= 500), [], 'every delivery got the trigger\'s answer in the end');
	}

	it(`300 notifications at once: every delivery of a genuine selected notification starts an execution, redeliveries included; forged, stale, unsigned, IPN and malformed ones are refused (401) and start nothing; unselected topics are answered 200`, async () => {
		const run = await burst(TRIGGERS.each, BURST.genuine + BURST.freshRedeliveries + BURST.sameRedeliveries);
		summary.oneExecutionPerDelivery = run.report;
		console.log(`# ${describeBurst('trigger, one execution per delivery', run.report)}`);
		assertBurst(run);
		const { final, runs, perNotification } = run;
		for (const r of final.filter((r) => r.delivery.kind === 'redelivery' || run.genuineIds.has(String(r.delivery.notification?.id)))) {
			assert.deepEqual([r.status, r.body], [200, ''], `${r.delivery.kind} ${r.delivery.notification.id}`);
		}
		const redelivered = [...perNotification.values()].filter((n) => n >= 2).length;
		assert.equal(redelivered, BURST.freshRedeliveries + BURST.sameRedeliveries, 'a redelivered notification started once per delivery');
		assert.equal(new Set(runs.map((r) => r.item.deliveryKey)).size, BURST.genuine, 'one delivery key per notification, the same for its redeliveries');
		if (run.resent.length === 0) assert.equal(runs.length, 190, 'nothing delivered again: exactly one execution per delivery');
	});

	it('with Drop Redeliveries, the same kind of burst starts one execution per notification: a redelivery is answered 200 (or 409 while its first delivery is handled) and starts nothing', async () => {
		const run = await burst(TRIGGERS.drop, BURST.genuine);
		summary.oneExecutionPerNotification = run.report;
		console.log(`# ${describeBurst('trigger with Drop Redeliveries', run.report)}`);
		assertBurst(run);
		const { final, runs } = run;
		const dropped = final.filter((r) => r.status === 200 && /already started/.test(r.body));
		assert.ok(dropped.length >= BURST.freshRedeliveries + BURST.sameRedeliveries, `${dropped.length} deliveries dropped as redeliveries`);
		assert.equal(new Set(runs.map((r) => r.item.deliveryKey)).size, BURST.genuine);
		if (run.resent.length === 0 || run.resent.every((r) => Object.keys(r.answers).every((s) => s === '409'))) {
			assert.equal(runs.length, BURST.genuine, 'one execution per notification');
		}
	});

	it("n8n's own Webhook node with Header Auth under a burst of 300, for comparison (measured, not asserted)", async () => {
		const url = `${server.url}/webhook/${PLAIN_WEBHOOK.nodes[0].parameters.path}`;
		await waitUntilRegistered(url, { plain: true });
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 300 }, async () => {
				const t = performance.now();
				const headers = { 'content-type': 'application/json', [HEADER_AUTH.data.name]: HEADER_AUTH.data.value };
				const res = await fetch(url, { method: 'POST', headers, body: '{"type":"payment"}' });
				await res.arrayBuffer();
				return { delivery: { kind: 'headerAuthWebhook' }, status: res.status, ms: performance.now() - t };
			}),
		);
		summary.headerAuthWebhookBaseline = { ...tally(results), burstAnsweredMs: Date.now() - started };
		const { p50, p99, max } = summary.headerAuthWebhookBaseline.ackMs;
		console.log(`# n8n's Webhook node with Header Auth, 300 at once: acknowledged in p50 ${p50} / p99 ${p99} / max ${max} ms`);
	});

	it('a read that hangs still gets Mercado Pago its answer within 22 s: the workflow starts with resource null and a timeout', async () => {
		const wf = TRIGGERS.each;
		const payment = sandbox.addPayment();
		sandbox.inject({ kind: 'hang', times: 10, match: { objectId: String(payment.id) } });
		const notifier = notifierFor(urls[wf.id]);
		const answer = await notifier.send(notifier.signed(notifier.notification('payment', String(payment.id))));
		assert.equal(answer.status, 200, answer.body);
		assert.ok(answer.ms < 22_000, `answered after ${Math.round(answer.ms)} ms`);
		const all = await finishedExecutions(server.url, cookie, wf.id, 0);
		const newest = all.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
		const [latest] = await triggerItems(server.url, cookie, [newest]);
		assert.equal(latest.item.event.dataId, String(payment.id));
		assert.equal(latest.item.resource, null);
		assert.equal(latest.item.error.code, 'timeout');
		summary.hangingRead = { ackMs: Math.round(answer.ms), errorCode: latest.item.error.code };
	});

	it('the Test URL: while the editor listens for a test event, a signed notification runs the workflow in manual mode', async () => {
		const wf = TRIGGERS.each;
		const before = (await finishedExecutions(server.url, cookie, wf.id, 0)).length;
		const listening = await rest(server.url, cookie, `/rest/workflows/${wf.id}/run`, { method: 'POST', body: { triggerToStartFrom: { name: TRIGGER_NODE } } });
		assert.deepEqual(listening.data, { waitingForWebhook: true });
		const payment = sandbox.addPayment({ status: 'approved' });
		const testUrl = productionUrl(server.url, wf).replace('/webhook/', '/webhook-test/');
		const notifier = notifierFor(testUrl);
		const answer = await notifier.send(notifier.signed(notifier.notification('payment', String(payment.id))));
		assert.equal(answer.status, 200, answer.body);
		const all = await finishedExecutions(server.url, cookie, wf.id, before + 1);
		const [manual] = await triggerItems(server.url, cookie, all.filter((e) => e.mode === 'manual'));
		assert.equal(manual.status, 'success');
		assert.equal(manual.item.resource.status, 'approved');
		assert.equal(manual.item.event.verified, true);
		summary.testUrl = { status: answer.status, ackMs: Math.round(answer.ms) };
	});

	it('examples/dunning-pause-after-third-rejection.json: a first rejection changes nothing; the third pauses the subscription and tells the CRM; its redelivery starts nothing', async () => {
		const subscriptionId = '2c93808490a1e5c70190a2b3c4d50004';
		const notifier = notifierFor(urls[dunning.id]);
		const send = async (name) => {
			const { type, dataId } = NOTIFICATIONS[name];
			const result = await notifier.send(notifier.signed(notifier.notification(type, dataId)));
			assert.equal(result.status, 200, result.body);
			return result;
		};
		await send('first-rejection');
		let runs = await triggerItems(server.url, cookie, await finishedExecutions(server.url, cookie, dunning.id, 1));
		assert.deepEqual(runs[0].outputs['Not yet: Mercado Pago retries the charge'].length, 1);
		assert.equal(sandbox.getSubscription(subscriptionId).status, 'authorized');
		const third = await send('third-rejection');
		runs = await triggerItems(server.url, cookie, await finishedExecutions(server.url, cookie, dunning.id, 2));
		const crm = runs.find((r) => r.outputs['Tell the CRM: paused for non-payment']).outputs['Tell the CRM: paused for non-payment'];
		assert.deepEqual(crm.map(({ event, subscriptionId: id, status, crmReference, rejections }) => ({ event, id, status, crmReference, rejections })), [
			{ event: 'subscription.paused_for_non_payment', id: subscriptionId, status: 'paused', crmReference: 'CRM-DEAL-0004', rejections: 3 },
		]);
		const again = await notifier.send(notifier.redelivery(third.delivery, { fresh: true }));
		assert.equal(again.status, 200);
		assert.match(again.body, /already started/);
		assert.deepEqual(sandbox.subscriptionChanges(subscriptionId), ['paused'], 'paused once');
	});

	it('examples/payer-cancelled-close-crm-deal.json: the payer\'s cancellation closes the CRM deal', async () => {
		const notifier = notifierFor(urls[payerCancelled.id]);
		const { type, dataId } = NOTIFICATIONS['payer-cancelled'];
		const answer = await notifier.send(notifier.signed(notifier.notification(type, dataId, { action: 'updated' })));
		assert.equal(answer.status, 200, answer.body);
		const [run] = await triggerItems(server.url, cookie, await finishedExecutions(server.url, cookie, payerCancelled.id, 1), 'Subscription notification');
		const [deal] = run.outputs['Tell the CRM: close the deal'];
		assert.deepEqual(
			{ event: deal.event, crmReference: deal.crmReference, subscriptionId: deal.subscriptionId, payerEmail: deal.payerEmail },
			{ event: 'deal.close_lost', crmReference: 'CRM-DEAL-0005', subscriptionId: dataId, payerEmail: 'ana@example.com' },
		);
		assert.equal(deal.deliveryKey, run.item.deliveryKey);
	});
});
