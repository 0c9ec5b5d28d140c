/**
 * The engine behaviours the node relies on, shown with tiny node types defined here (not the
 * real node): if n8n-core changes one of them, this file says which.
 */
import { testCredential } from './credentialTest';
import { assertSingleN8nWorkflow, runNode, N8N_CORE_MAJOR } from './harness';

import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';

const TYPE = 'n8n-nodes-harness-test.dummy';

function describeNode(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
		...extra,
	};
}

/** A node of its own per test: `execute` gets the context, the node's name is `name`. */
function nodeType(name: string, execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>): INodeType {
	return { description: describeNode(name), execute };
}

/**
 * Echoes `value` per item; 'bad' fails that item: with continueOnFail() as a
 * `{ json: { error } }` item (what the node emits), otherwise thrown.
 */
const itemErrorNode = nodeType('Item Error Node', async function () {
	return [
		this.getInputData().map((_item, i) => {
			const value = this.getNodeParameter('value', i) as string;
			if (value !== 'bad') return { json: { value }, pairedItem: { item: i } };
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), 'Bad value', { itemIndex: i });
			return { json: { error: { message: 'Bad value', itemIndex: i } }, pairedItem: { item: i } };
		}),
	];
});

describe('On Error', () => {
	const items = [{ x: 'a' }, { x: 'bad' }, { x: 'c' }];
	const parameters = { value: '={{ $json.x }}' };

	it('continueErrorOutput: error items go to output 1, merged with their paired input item', async () => {
		const r = await runNode({ nodeType: itemErrorNode, nodeTypeName: TYPE, parameters, items, onError: 'continueErrorOutput' });
		expect(r.status).toBe('success');
		expect(r.success.map((i) => i.json)).toEqual([{ value: 'a' }, { value: 'c' }]);
		expect(r.error).toEqual([
			{ json: { x: 'bad', error: { message: 'Bad value', itemIndex: 1 } }, pairedItem: { item: 1 } },
		]);
	});

	it('continueErrorOutput: an item with keys besides `error` stays on the success output', async () => {
		const node = nodeType('Extra Keys', async () => [[{ json: { error: 'kept', id: 1 }, pairedItem: { item: 0 } }]]);
		const r = await runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items: [{}], onError: 'continueErrorOutput' });
		expect(r.success.map((i) => i.json)).toEqual([{ error: 'kept', id: 1 }]);
		expect(r.error).toEqual([]);
	});

	it('continueRegularOutput: error items stay on output 0, in order', async () => {
		const r = await runNode({ nodeType: itemErrorNode, nodeTypeName: TYPE, parameters, items, onError: 'continueRegularOutput' });
		expect(r.success.map((i) => i.json)).toEqual([
			{ value: 'a' },
			{ error: { message: 'Bad value', itemIndex: 1 } },
			{ value: 'c' },
		]);
		expect(r.error).toEqual([]);
	});

	it('a node that throws in a continue mode passes its input items to output 0 and the run fails', async () => {
		const node = nodeType('Throwing Node', async function () {
			throw new NodeOperationError(this.getNode(), 'boom', { itemIndex: 1 });
		});
		const r = await runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items, onError: 'continueErrorOutput' });
		expect(r.success.map((i) => i.json)).toEqual(items);
		expect(r.error).toEqual([]);
		expect(r.status).toBe('error');
		expect(r.executionError).toMatchObject({ message: 'boom', itemIndex: 1 });
	});

	it('stopWorkflow: the run fails with the thrown NodeApiError, flattened', async () => {
		const node = nodeType('Api Error Node', async function () {
			throw new NodeApiError(this.getNode(), { message: 'raw upstream text' } as JsonObject, {
				message: 'Payment profile not found',
				description: 'Check the id',
				httpCode: '404',
				itemIndex: 2,
			});
		});
		const r = await runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items });
		expect(r.status).toBe('error');
		expect(r.success).toEqual([]);
		expect(r.executionError).toEqual({
			message: 'Payment profile not found',
			description: 'Check the id',
			name: 'NodeApiError',
			httpCode: '404',
			itemIndex: 2,
			context: { itemIndex: 2 },
		});
	});
});

describe('Retry On Fail', () => {
	const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };

	it('re-runs the whole node until it succeeds', async () => {
		let calls = 0;
		const node = nodeType('Flaky', async function () {
			if (++calls <= 2) throw new NodeOperationError(this.getNode(), `fail #${calls}`);
			return [this.getInputData().map((item) => ({ json: { ...item.json, calls } }))];
		});
		const r = await runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items: [{ id: 1 }, { id: 2 }], ...retry });
		expect(r.runs).toBe(3);
		expect(r.status).toBe('success');
		expect(r.success.map((i) => i.json)).toEqual([{ id: 1, calls: 3 }, { id: 2, calls: 3 }]);
	});

	it('also re-runs when the first returned item has json.error, even in a continue mode', async () => {
		const r = await runNode({
			nodeType: itemErrorNode,
			nodeTypeName: TYPE,
			parameters: { value: '={{ $json.x }}' },
			items: [{ x: 'bad' }, { x: 'ok' }],
			onError: 'continueErrorOutput',
			...retry,
			maxTries: 2,
		});
		expect(r.runs).toBe(2);
		expect(r.success.map((i) => i.json)).toEqual([{ value: 'ok' }]);
		expect(r.error).toHaveLength(1);
	});
});

describe('cancellation', () => {
	it('aborting `signal` aborts this.getExecutionCancelSignal() inside the node', async () => {
		let started!: () => void;
		const nodeStarted = new Promise<void>((resolve) => (started = resolve));
		let sawAborted: boolean | undefined;
		const node = nodeType('Slow', async function () {
			const signal = this.getExecutionCancelSignal()!;
			started();
			await new Promise((resolve) => signal.addEventListener('abort', resolve));
			sawAborted = signal.aborted;
			throw new NodeOperationError(this.getNode(), 'Execution was canceled');
		});
		const controller = new AbortController();
		const running = runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items: [{ id: 1 }], signal: controller.signal });
		await nodeStarted;
		controller.abort();
		const r = await running;
		expect(sawAborted).toBe(true);
		expect(r.status).toBe('canceled');
		expect(r.success).toEqual([]);
	});

	it('an already aborted signal cancels the run before the node runs', async () => {
		const node = nodeType('Check', async function () {
			return [this.getInputData()];
		});
		const r = await runNode({ nodeType: node, nodeTypeName: TYPE, parameters: {}, items: [{ id: 1 }], signal: AbortSignal.abort() });
		expect(r.status).toBe('canceled');
		expect(r.runs).toBe(0);
	});
});

describe('credentials', () => {
	const seen: Array<{ url?: string; auth?: string }> = [];
	let server: http.Server;
	let baseUrl: string;

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			seen.push({ url: req.url, auth: req.headers.authorization });
			res.statusCode = req.headers.authorization === 'Bearer good-token' ? 200 : 401;
			res.end('{}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => (seen.length = 0));
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	class DummyApi implements ICredentialType {
		name = 'dummyApi';
		displayName = 'Dummy API';
		properties = [
			{ displayName: 'Access Token', name: 'accessToken', type: 'string' as const, default: '' },
			{ displayName: 'Header', name: 'header', type: 'string' as const, default: 'Authorization' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: 'http://default.invalid' },
		];
		// Expressions in the key too, as n8n's Header Auth credential has them.
		authenticate = {
			type: 'generic' as const,
			properties: { headers: { '={{$credentials.header}}': '=Bearer {{$credentials.accessToken}}' } },
		};
		test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/users/me' } };
	}

	it('getCredentials() in a run gets the type defaults filled in and expressions resolved', async () => {
		const node: INodeType = {
			description: describeNode('Creds Node', { credentials: [{ name: 'dummyApi', required: true }] }),
			async execute(this: IExecuteFunctions) {
				return [[{ json: await this.getCredentials('dummyApi') }]];
			},
		};
		const r = await runNode({
			nodeType: node,
			nodeTypeName: TYPE,
			parameters: {},
			items: [{}],
			credentials: { dummyApi: { accessToken: '={{ "good-" + "token" }}' } },
			credentialTypes: [new DummyApi()],
		});
		expect(r.success[0].json).toEqual({ accessToken: 'good-token', header: 'Authorization', baseUrl: 'http://default.invalid' });
	});

	it('testCredential: OK with the generic authenticate block applied, the status text on a 401', async () => {
		await expect(testCredential({ credentialType: new DummyApi(), data: { accessToken: 'good-token', baseUrl } })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(seen).toEqual([{ url: '/users/me', auth: 'Bearer good-token' }]);

		// On the 1.x line the HTTP answer does not reach the tester, so NodeApiError's 401 text shows.
		const message401 = N8N_CORE_MAJOR < 2 ? 'Authorization failed - please check your credentials' : 'Unauthorized';
		await expect(testCredential({ credentialType: new DummyApi(), data: { accessToken: 'nope', baseUrl } })).resolves.toEqual({
			status: 'Error',
			message: message401,
		});
	});
});

describe('one copy of n8n-workflow', () => {
	it('holds for this install', () => {
		expect(() => assertSingleN8nWorkflow()).not.toThrow();
	});

	it('throws when n8n-core would resolve a copy of its own', () => {
		const core = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-core-'));
		const copy = path.join(core, 'node_modules', 'n8n-workflow');
		fs.mkdirSync(copy, { recursive: true });
		fs.writeFileSync(path.join(copy, 'package.json'), '{ "name": "n8n-workflow", "main": "index.js" }');
		fs.writeFileSync(path.join(copy, 'index.js'), '');
		try {
			expect(() => assertSingleN8nWorkflow(core)).toThrow(/Two copies of n8n-workflow/);
		} finally {
			fs.rmSync(core, { recursive: true, force: true });
		}
	});
});
