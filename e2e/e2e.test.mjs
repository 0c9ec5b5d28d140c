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
	assertInstalled,
	freePort,
	freshDir,
	n8nCli,
	n8nEnv,
	packAndInstall,
	parseExecuteOutput,
	registryModule,
	rest,
	sandboxModule,
	setupOwner,
	startN8n,
	stopN8n,
	writeCredentialFile,
} from './lib.mjs';
import { SUBSCRIPTIONS, seedSandbox } from './seed.mjs';

const WORK = join(ROOT, '.cache', 'e2e');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const home = join(WORK, 'n8n-home');

let sandbox;
let env;
let installedDir;

const crm = JSON.parse(readFileSync(EXAMPLES.crm, 'utf8'));
const sheet = JSON.parse(readFileSync(EXAMPLES.sheet, 'utf8'));
const subscriptionSheet = JSON.parse(readFileSync(EXAMPLES.subscriptionSheet, 'utf8'));

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
	const workflowsDir = freshDir(join(WORK, 'workflows'));
	for (const wf of [crm, sheet, subscriptionSheet, ...Object.values(VARIANTS), ...Object.values(BARE)]) {
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

describe('examples/sheet-batch-cancel.json run by `n8n execute`', () => {
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
		const { entries, sections } = await nodePanel(editor);
		saw('node panel entries', entries);
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
		for (const [wf, screenshot] of [[crm, 'workflow-crm'], [sheet, 'workflow-sheet'], [subscriptionSheet, 'workflow-subscription-sheet']]) {
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
