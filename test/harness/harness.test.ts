/**
 * Proves the harness with tiny node types defined here (not the real node).
 * Run: npx jest test/harness   (env.ts is imported by harness.ts; or add it to setupFiles)
 */
import { runNode, testCredential, INPUT_NODE_NAME, N8N_CORE_MAJOR } from './harness';

import * as http from 'http';
import type { AddressInfo } from 'net';

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

/**
 * Echoes `value` per item; 'bad' fails that item. With continueOnFail() it returns a
 * `{ json: { error: {...} } }` item for it, otherwise it throws.
 */
class ItemErrorNode implements INodeType {
	description = describeNode('Item Error Node');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const value = this.getNodeParameter('value', i) as string;
			if (value === 'bad') {
				const error = new NodeOperationError(this.getNode(), `Bad value`, {
					itemIndex: i,
					description: `Item ${i} has a bad value`,
				});
				if (this.continueOnFail()) {
					out.push({
						json: { error: { message: error.message, description: error.description, itemIndex: i } },
						pairedItem: { item: i },
					});
					continue;
				}
				throw error;
			}
			out.push({ json: { value }, pairedItem: { item: i } });
		}
		return [out];
	}
}

describe('runNode: error output routing', () => {
	const items = [{ x: 'a' }, { x: 'bad' }, { x: 'c' }];
	const parameters = { value: '={{ $json.x }}' };

	it('continueErrorOutput: error items go to output 1, merged with their input item', async () => {
		const r = await runNode({ nodeType: new ItemErrorNode(), nodeTypeName: TYPE, parameters, items, onError: 'continueErrorOutput' });
		expect(r.status).toBe('success');
		expect(r.executionError).toBeUndefined();
		expect(r.success.map((i) => i.json)).toEqual([{ value: 'a' }, { value: 'c' }]);
		expect(r.error).toHaveLength(1);
		expect(r.error[0].json).toEqual({
			x: 'bad', // merged in by the engine from the paired input item
			error: { message: 'Bad value', description: 'Item 1 has a bad value', itemIndex: 1 },
		});
		expect(r.error[0].pairedItem).toEqual({ item: 1 });
	});

	it('continueRegularOutput: error items stay on output 0', async () => {
		const r = await runNode({ nodeType: new ItemErrorNode(), nodeTypeName: TYPE, parameters, items, onError: 'continueRegularOutput' });
		expect(r.status).toBe('success');
		expect(r.success.map((i) => i.json)).toEqual([
			{ value: 'a' },
			{ error: { message: 'Bad value', description: 'Item 1 has a bad value', itemIndex: 1 } },
			{ value: 'c' },
		]);
		expect(r.error).toEqual([]);
	});

	it('stopWorkflow: the run fails with the error, its itemIndex and description', async () => {
		const r = await runNode({ nodeType: new ItemErrorNode(), nodeTypeName: TYPE, parameters, items });
		expect(r.status).toBe('error');
		expect(r.success).toEqual([]);
		expect(r.error).toEqual([]);
		expect(r.executionError).toMatchObject({
			message: 'Bad value',
			description: 'Item 1 has a bad value',
			name: 'NodeOperationError',
			itemIndex: 1,
			nodeName: 'Item Error Node',
		});
		// the same error is on the node's task data
		expect(r.raw.data.resultData.runData['Item Error Node'][0].error?.message).toBe('Bad value');
		expect(r.raw.data.resultData.lastNodeExecuted).toBe('Item Error Node');
	});

	it('stopWorkflow: a NodeApiError keeps httpCode, message and itemIndex', async () => {
		class ApiErrorNode implements INodeType {
			description = describeNode('Api Error Node');
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				throw new NodeApiError(this.getNode(), { message: 'raw upstream text' } as JsonObject, {
					message: 'Payment profile not found',
					description: 'Check the id',
					httpCode: '404',
					itemIndex: 2,
				});
			}
		}
		const r = await runNode({ nodeType: new ApiErrorNode(), nodeTypeName: TYPE, parameters: {}, items });
		expect(r.status).toBe('error');
		expect(r.executionError).toMatchObject({
			message: 'Payment profile not found',
			description: 'Check the id',
			name: 'NodeApiError',
			httpCode: '404',
			itemIndex: 2,
		});
	});

	it('a node that THROWS in continue mode passes its INPUT items to output 0, error output empty', async () => {
		class ThrowingNode implements INodeType {
			description = describeNode('Throwing Node');
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				throw new NodeOperationError(this.getNode(), 'boom', { itemIndex: 1 });
			}
		}
		const r = await runNode({ nodeType: new ThrowingNode(), nodeTypeName: TYPE, parameters: {}, items, onError: 'continueErrorOutput' });
		expect(r.success.map((i) => i.json)).toEqual(items);
		expect(r.error).toEqual([]);
		// and, as the node is the last one, the engine still marks the run as failed
		expect(r.status).toBe('error');
		expect(r.executionError).toMatchObject({ message: 'boom', itemIndex: 1 });
	});
});

describe('runNode: expressions and pairedItem', () => {
	it('resolves ={{ $json.x }} per item and sets pairedItem', async () => {
		class EchoNode implements INodeType {
			description = describeNode('Echo', {
				properties: [
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					{ displayName: 'From Input', name: 'fromInput', type: 'string', default: '' },
				],
			});
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				return [
					this.getInputData().map((_item, i) => ({
						json: {
							value: this.getNodeParameter('value', i),
							fromInput: this.getNodeParameter('fromInput', i),
						},
					})),
				];
			}
		}
		const r = await runNode({
			nodeType: new EchoNode(),
			nodeTypeName: TYPE,
			parameters: {
				value: '={{ $json.x * 10 }}',
				fromInput: `={{ $('${INPUT_NODE_NAME}').item.json.name }}`,
			},
			items: [{ x: 1, name: 'one' }, { x: 2, name: 'two' }, { x: 3, name: 'three' }],
		});
		expect(r.success.map((i) => i.json)).toEqual([
			{ value: 10, fromInput: 'one' },
			{ value: 20, fromInput: 'two' },
			{ value: 30, fromInput: 'three' },
		]);
		// the node set none: the engine pairs same-count outputs with inputs
		expect(r.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('runNode: Retry On Fail', () => {
	function flakyNode(failures: number) {
		let calls = 0;
		return class FlakyNode implements INodeType {
			description = describeNode('Flaky');
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				calls++;
				if (calls <= failures) throw new NodeOperationError(this.getNode(), `fail #${calls}`);
				return [this.getInputData().map((item) => ({ json: { ...item.json, calls } }))];
			}
		};
	}

	it('re-runs the whole node until it succeeds', async () => {
		const Node = flakyNode(2);
		const r = await runNode({
			nodeType: new Node(),
			nodeTypeName: TYPE,
			parameters: {},
			items: [{ id: 1 }, { id: 2 }],
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 1,
		});
		expect(r.runs).toBe(3);
		expect(r.status).toBe('success');
		expect(r.success.map((i) => i.json)).toEqual([{ id: 1, calls: 3 }, { id: 2, calls: 3 }]);
	});

	it('fails with the last error when the tries run out', async () => {
		const Node = flakyNode(5);
		const r = await runNode({
			nodeType: new Node(),
			nodeTypeName: TYPE,
			parameters: {},
			items: [{ id: 1 }],
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 1,
		});
		expect(r.runs).toBe(2);
		expect(r.status).toBe('error');
		expect(r.executionError?.message).toBe('fail #2');
	});

	it('without Retry On Fail the node runs once', async () => {
		const Node = flakyNode(1);
		const r = await runNode({ nodeType: new Node(), nodeTypeName: TYPE, parameters: {}, items: [{ id: 1 }] });
		expect(r.runs).toBe(1);
		expect(r.status).toBe('error');
	});

	it('on 2.41 it also retries a throwing node in a continue mode, then passes the input on', async () => {
		const Node = flakyNode(5);
		const r = await runNode({
			nodeType: new Node(),
			nodeTypeName: TYPE,
			parameters: {},
			items: [{ id: 1 }],
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 1,
		});
		expect(r.runs).toBe(3);
		expect(r.success.map((i) => i.json)).toEqual([{ id: 1 }]);
		expect(r.executionError?.message).toBe('fail #3');
	});

	it('also re-runs when the first returned item has json.error (even in a continue mode)', async () => {
		const r = await runNode({
			nodeType: new ItemErrorNode(),
			nodeTypeName: TYPE,
			parameters: { value: '={{ $json.x }}' },
			items: [{ x: 'bad' }, { x: 'ok' }],
			onError: 'continueErrorOutput',
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 1,
		});
		expect(r.runs).toBe(2);
		expect(r.success.map((i) => i.json)).toEqual([{ value: 'ok' }]);
		expect(r.error).toHaveLength(1);
	});
});

describe('runNode: cancellation', () => {
	it('aborting `signal` aborts this.getExecutionCancelSignal() inside the node', async () => {
		let started!: () => void;
		const nodeStarted = new Promise<void>((resolve) => (started = resolve));
		const seen: { aborted?: boolean; waitedMs?: number } = {};

		class SlowNode implements INodeType {
			description = describeNode('Slow');
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const signal = this.getExecutionCancelSignal();
				const t0 = Date.now();
				started();
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, 10_000);
					signal?.addEventListener('abort', () => {
						clearTimeout(timer);
						resolve();
					});
				});
				seen.aborted = signal?.aborted;
				seen.waitedMs = Date.now() - t0;
				if (signal?.aborted) throw new NodeOperationError(this.getNode(), 'Execution was canceled');
				return [this.getInputData()];
			}
		}

		const controller = new AbortController();
		const running = runNode({
			nodeType: new SlowNode(),
			nodeTypeName: TYPE,
			parameters: {},
			items: [{ id: 1 }],
			signal: controller.signal,
		});
		await nodeStarted;
		controller.abort();
		const r = await running;

		expect(seen.aborted).toBe(true);
		expect(seen.waitedMs).toBeLessThan(5_000);
		expect(r.status).toBe('canceled');
		expect(r.success).toEqual([]);
		expect(r.executionError?.message).toBe('Execution was canceled');
	});

	it('an already aborted signal cancels the run before any node runs', async () => {
		const controller = new AbortController();
		controller.abort();
		let sawAborted: boolean | undefined;
		class CheckNode implements INodeType {
			description = describeNode('Check');
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				sawAborted = this.getExecutionCancelSignal()?.aborted;
				return [this.getInputData()];
			}
		}
		const r = await runNode({ nodeType: new CheckNode(), nodeTypeName: TYPE, parameters: {}, items: [{ id: 1 }], signal: controller.signal });
		expect(r.status).toBe('canceled');
		expect(r.runs).toBe(0);
		expect(sawAborted).toBeUndefined();
		expect(r.executionError?.name).toBe('ManualExecutionCancelledError');
	});
});

describe('credentials', () => {
	const seenRequests: Array<{ url?: string; auth?: string }> = [];
	let server: http.Server;
	let baseUrl: string;

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			seenRequests.push({ url: req.url, auth: req.headers.authorization });
			res.setHeader('content-type', 'application/json');
			if (req.headers.authorization !== 'Bearer good-token') {
				res.statusCode = 401;
				res.end(JSON.stringify({ message: 'invalid access token' }));
				return;
			}
			res.end(JSON.stringify({ ok: true, path: req.url }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	class DummyApi implements ICredentialType {
		name = 'dummyApi';
		displayName = 'Dummy API';
		properties = [
			{ displayName: 'Access Token', name: 'accessToken', type: 'string' as const, typeOptions: { password: true }, default: '' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: 'http://default.invalid' },
		];
		authenticate = {
			type: 'generic' as const,
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		};
		test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/users/me' },
			rules: [{ type: 'responseCode' as const, properties: { value: 401, message: 'Invalid access token' } }],
		};
	}

	class AuthNode implements INodeType {
		description = describeNode('Auth Node', { credentials: [{ name: 'dummyApi', required: true }] });
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const creds = await this.getCredentials<{ baseUrl: string }>('dummyApi');
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < this.getInputData().length; i++) {
				const body = await this.helpers.httpRequestWithAuthentication.call(this, 'dummyApi', {
					method: 'GET',
					url: `${creds.baseUrl}/items/${this.getNodeParameter('value', i) as string}`,
					json: true,
				});
				out.push({ json: body, pairedItem: { item: i } });
			}
			return [out];
		}
	}

	it('runNode: the generic authenticate block is applied by n8n-core request helpers', async () => {
		seenRequests.length = 0;
		const r = await runNode({
			nodeType: new AuthNode(),
			nodeTypeName: TYPE,
			parameters: { value: '={{ $json.id }}' },
			items: [{ id: 'a1' }],
			credentials: { dummyApi: { accessToken: 'good-token', baseUrl } },
			credentialTypes: [new DummyApi()],
		});
		expect(r.executionError).toBeUndefined();
		expect(r.success.map((i) => i.json)).toEqual([{ ok: true, path: '/items/a1' }]);
		expect(seenRequests).toEqual([{ url: '/items/a1', auth: 'Bearer good-token' }]);
	});

	it('runNode: a 401 from the API surfaces as a NodeApiError with httpCode', async () => {
		const r = await runNode({
			nodeType: new AuthNode(),
			nodeTypeName: TYPE,
			parameters: { value: 'x' },
			items: [{ id: 'a1' }],
			credentials: { dummyApi: { accessToken: 'wrong', baseUrl } },
			credentialTypes: [new DummyApi()],
		});
		expect(r.status).toBe('error');
		expect(r.executionError?.httpCode).toBe('401');
		expect(r.executionError?.name).toBe('NodeApiError');
	});

	it('testCredential: OK with a valid token, the rule message on 401', async () => {
		seenRequests.length = 0;
		await expect(
			testCredential({ credentialType: new DummyApi(), data: { accessToken: 'good-token', baseUrl } }),
		).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seenRequests).toEqual([{ url: '/users/me', auth: 'Bearer good-token' }]);

		// On the 1.x line the request error reaches the tester without the HTTP response as its
		// `cause`, so the tester's rules are not consulted and NodeApiError's 401 text shows.
		const message401 =
			N8N_CORE_MAJOR < 2 ? 'Authorization failed - please check your credentials' : 'Invalid access token';
		await expect(
			testCredential({ credentialType: new DummyApi(), data: { accessToken: 'nope', baseUrl } }),
		).resolves.toEqual({ status: 'Error', message: message401 });
	});

	it('testCredential: baseURL override (e.g. point the test request at a local server)', async () => {
		seenRequests.length = 0;
		const result = await testCredential({ credentialType: new DummyApi(), data: { accessToken: 'good-token' }, baseURL: baseUrl });
		expect(result.status).toBe('OK');
		expect(seenRequests).toEqual([{ url: '/users/me', auth: 'Bearer good-token' }]);
	});

	it('runNode: getCredentials() gets the credential type defaults filled in', async () => {
		class CredsNode implements INodeType {
			description = describeNode('Creds Node', { credentials: [{ name: 'dummyApi', required: true }] });
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				return [[{ json: await this.getCredentials('dummyApi') }]];
			}
		}
		const r = await runNode({
			nodeType: new CredsNode(),
			nodeTypeName: TYPE,
			parameters: {},
			items: [{}],
			credentials: { dummyApi: { accessToken: 't' } },
			credentialTypes: [new DummyApi()],
		});
		expect(r.success[0].json).toEqual({ accessToken: 't', baseUrl: 'http://default.invalid' });
	});
});
