/**
 * Test harness: runs one node type inside n8n-core's real WorkflowExecute.
 *
 * Workflow built per run:   [Input] --main--> [node under test]
 * "Input" is a tiny in-harness node type that outputs the given items (each with
 * pairedItem {item: 0}, like a Code node after a Manual Trigger), so `$json`,
 * `$('Input').item`, pairedItem lineage and the error-output merge all work as in n8n.
 *
 * Nothing of the node's execute functions is mocked: parameters, expressions,
 * credentials (via a small ICredentialsHelper), request helpers, On Error, Retry On Fail
 * and cancellation are n8n-core's own code.
 */
import './env'; // must come before n8n-core is first required

import * as path from 'path';

import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	RoutingNode,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	isExpression,
} from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialTestRequest,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------
// Single copy of n8n-workflow
// ---------------------------------------------------------------------------------------

/**
 * Throws when n8n-core would load a different n8n-workflow than this package does.
 * Two copies pass tests silently while breaking `instanceof NodeApiError` and the
 * expression engine.
 */
export function assertSingleN8nWorkflow(): void {
	const topLevel = require.resolve('n8n-workflow');
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	const fromCore = require.resolve('n8n-workflow', { paths: [coreDir] });
	if (topLevel !== fromCore) {
		throw new Error(
			'Two copies of n8n-workflow are installed:\n' +
				`  top level: ${topLevel}\n` +
				`  n8n-core:  ${fromCore}\n` +
				'Pin n8n-workflow to the exact version n8n-core depends on so npm dedupes it.',
		);
	}
}
assertSingleN8nWorkflow();

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

export const DEFAULT_NODE_TYPE_NAME = 'n8n-nodes-mercadopago.mercadoPago';
export const INPUT_NODE_NAME = 'Input';

export interface RunOptions {
	/** Instance of the node class under test, e.g. `new MercadoPago()`. */
	nodeType: INodeType;
	/** Type string of the node in the workflow. Default 'n8n-nodes-mercadopago.mercadoPago'. */
	nodeTypeName?: string;
	/** Node name in the workflow (shows in errors, `$('Name')`). Default: description.displayName. */
	nodeName?: string;
	/** Default: the highest version of the description. */
	typeVersion?: number;
	/** The node's parameters; may hold expressions like '={{ $json.customer }}'. */
	parameters: INodeParameters;
	/** Input rows, output by the "Input" node. */
	items: IDataObject[];
	/** Credential data by credential type name, e.g. { mercadoPagoApi: { accessToken, baseUrl } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential classes: their defaults, expressions and `authenticate` block get applied. */
	credentialTypes?: ICredentialType[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	/** n8n clamps to 2..5, default 3. */
	maxTries?: number;
	/** n8n clamps to 0..5000 ms, and 0 (falsy) becomes the default 1000: use 1 for "no wait". */
	waitBetweenTries?: number;
	/** Aborting it cancels the execution like the user pressing Stop. */
	signal?: AbortSignal;
	/** Default 'manual' (an editor run; `$execution.mode` is 'test'). */
	mode?: WorkflowExecuteMode;
}

/** The workflow-level error of a failed run (`raw.data.resultData.error`), flattened. */
export interface RunExecutionError {
	message: string;
	description?: string | null;
	/** e.g. 'NodeApiError', 'NodeOperationError' (absent for plain errors). */
	name?: string;
	/** NodeApiError's status as a string, e.g. '404'. */
	httpCode?: string | null;
	/** From `context.itemIndex` (where n8n's NodeError keeps it). */
	itemIndex?: number;
	context?: IDataObject;
	/** Name of the node that failed. */
	nodeName?: string;
	/** The engine's object as is: a plain spread of the thrown error (not an Error instance). */
	raw: IDataObject;
}

export interface RunResult {
	/** Output 0 of the node under test. */
	success: INodeExecutionData[];
	/** Output 1 (the error output, only with onError 'continueErrorOutput'), else []. */
	error: INodeExecutionData[];
	/** How many times the node's execute() ran (Retry On Fail re-runs it). */
	runs: number;
	/** The execution's status: 'success' | 'error' | 'canceled' | ... */
	status: ExecutionStatus;
	/** The workflow-level error when the run failed (stop mode or canceled). */
	executionError?: RunExecutionError;
	/** The whole run. */
	raw: IRun;
}

export async function runNode(opts: RunOptions): Promise<RunResult> {
	const mode = opts.mode ?? 'manual';
	const nodeTypeName = opts.nodeTypeName ?? DEFAULT_NODE_TYPE_NAME;
	const description = opts.nodeType.description;
	const nodeName = opts.nodeName ?? description.displayName;
	const typeVersion = opts.typeVersion ?? highestVersion(description.version);

	// Count execute() calls without touching the execute functions: an object that
	// inherits everything from the node and only wraps its own execute.
	let runs = 0;
	const counted = countingNodeType(opts.nodeType, () => runs++);

	const inputNode: INode = {
		id: 'harness-input',
		name: INPUT_NODE_NAME,
		type: INPUT_NODE_TYPE_NAME,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'harness-node-under-test',
		name: nodeName,
		type: nodeTypeName,
		typeVersion,
		position: [250, 0],
		parameters: opts.parameters,
		...(opts.onError ? { onError: opts.onError } : {}),
		...(opts.retryOnFail !== undefined ? { retryOnFail: opts.retryOnFail } : {}),
		...(opts.maxTries !== undefined ? { maxTries: opts.maxTries } : {}),
		...(opts.waitBetweenTries !== undefined ? { waitBetweenTries: opts.waitBetweenTries } : {}),
	};
	if (opts.credentials && Object.keys(opts.credentials).length) {
		nodeUnderTest.credentials = Object.fromEntries(
			Object.keys(opts.credentials).map((type) => [type, { id: `${type}-id`, name: `${type} (test)` }]),
		);
	}

	const nodeTypes = new HarnessNodeTypes({
		[INPUT_NODE_TYPE_NAME]: inputNodeType(opts.items),
		[nodeTypeName]: counted,
	});

	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [inputNode, nodeUnderTest],
		connections: {
			[INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});

	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = createAdditionalData({
		executionId,
		hooks,
		credentialsHelper: new HarnessCredentialsHelper(opts.credentials ?? {}, opts.credentialTypes ?? []),
	});

	const engine = new WorkflowExecute(additionalData, mode);
	const execution = startRun(engine, workflow, inputNode);

	const { signal } = opts;
	const onAbort = () => execution.cancel();
	if (signal) {
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	}
	let run: IRun;
	try {
		run = await execution;
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}

	const task = run.data.resultData.runData[nodeName]?.[0];
	const main = task?.data?.main ?? [];
	const resultError = run.data.resultData.error as unknown as IDataObject | undefined;

	return {
		success: main[0] ?? [],
		error: main[1] ?? [],
		runs,
		status: run.status,
		executionError: resultError ? flattenExecutionError(resultError) : undefined,
		raw: run,
	};
}

// ---------------------------------------------------------------------------------------
// Credential test (n8n's "Test" button in the credential modal)
// ---------------------------------------------------------------------------------------

export interface CredentialTestOptions {
	credentialType: ICredentialType;
	/** The credential's data, as a user would fill it in. */
	data: ICredentialDataDecryptedObject;
	/** Other credential types it extends (for defaults/properties). */
	credentialTypes?: ICredentialType[];
	/** Override of the test request's baseURL, e.g. a loopback test server. */
	baseURL?: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a credential type's `test` (`test: { request: { baseURL, url }, rules? }`) the way
 * n8n's CredentialsTester does on 2.x: defaults and expressions applied to the data,
 * a temporary declarative node whose only property routes `test.request`, run by
 * n8n-core's RoutingNode in 'internal' mode, so the credential's `authenticate` block is
 * applied by `httpRequestWithAuthentication` and the request goes through n8n-core's
 * real HTTP helper. Result and messages follow n8n's (status 'OK' + 'Connection successful!').
 */
export async function testCredential(opts: CredentialTestOptions): Promise<CredentialTestResult> {
	const { credentialType } = opts;
	const test: ICredentialTestRequest | undefined = credentialType.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const mode: WorkflowExecuteMode = 'internal';
	const credentialTypes = [credentialType, ...(opts.credentialTypes ?? [])];
	const credentialsHelper = new HarnessCredentialsHelper(
		{ [credentialType.name]: opts.data },
		credentialTypes,
	);
	const additionalData = createAdditionalData({ executionId: undefined, hooks: undefined, credentialsHelper });

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `${credentialType.name}-id`,
		name: `${credentialType.name} (test)`,
		type: credentialType.name,
		data: await credentialsHelper.applyDefaultsAndExpressions(credentialType.name, opts.data, additionalData, mode),
	};

	const request = { ...test.request, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}) };
	const testNodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [node.type]: testNodeType }),
	});
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await withIsolate(workflow, async () => await routingNode.runNode());
	} catch (e) {
		const error = e as { message?: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * n8n's vm expression engine evaluates only for a caller holding an isolate. WorkflowExecute
 * acquires one per execution; a credential test runs outside any execution, so it acquires
 * its own. 1.x has no isolates: the function just runs.
 */
async function withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
	const expression = workflow.expression as { withIsolate?: <R>(f: () => Promise<R>) => Promise<R> };
	return typeof expression.withIsolate === 'function' ? await expression.withIsolate(fn) : await fn();
}

// ---------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------

/**
 * The parts of n8n's CredentialsHelper (packages/cli) a node run needs, without a DB:
 * getDecrypted returns the given data with the credential type's defaults filled in and
 * its expressions resolved; authenticate applies the type's `authenticate` (function, or
 * generic block with `={{$credentials.x}}` expressions resolved by the real expression
 * engine, as n8n does).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: ICredentialType[],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(_credentialType: string, _nodeType: string): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const credentialType = this.types.get(typeName);
		const authenticate = credentialType?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (!workflow || !node) {
			throw new Error('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const keyResolved = resolveValue(key, credentials, workflow, node);
					const valueResolved = resolveValue(value as string, credentials, workflow, node);
					const target = requestOptions as unknown as Record<string, IDataObject>;
					target[outerKey] ??= {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.get(typeName);
		const expirable = credentialType?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType?.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.data[typeName] = { ...this.data[typeName], ...(output as ICredentialDataDecryptedObject) };
		return Object.assign(credentials, output as ICredentialDataDecryptedObject);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.get(typeName);
		if (typeof credentialType?.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = this.requireData(type);
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			getData: () => ({ ...data }),
			getDataToSave: () => ({ id: nodeCredentials.id ?? undefined, name: nodeCredentials.name, type, data: '' }),
			setData: (newData: ICredentialDataDecryptedObject) => {
				this.data[type] = newData;
			},
		} as unknown as ICredentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = structuredClone(this.requireData(type));
		if (raw === true) return data;
		return await this.applyDefaultsAndExpressions(type, data, additionalData, mode, executeData, expressionResolveValues);
	}

	/** Fills the credential type's defaults and resolves expressions in the data, like n8n. */
	async applyDefaultsAndExpressions(
		type: string,
		data: ICredentialDataDecryptedObject,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		let decrypted = data;
		if (this.types.has(type)) {
			decrypted = NodeHelpers.getNodeParameters(
				this.getCredentialsProperties(type),
				data as INodeParameters,
				true,
				false,
				null,
				null,
			) as ICredentialDataDecryptedObject;
		}
		if (data.oauthTokenData !== undefined) decrypted.oauthTokenData = data.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null);
		if (expressionResolveValues) {
			try {
				return expressionResolveValues.workflow.expression.getParameterValue(
					decrypted as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decrypted,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		}
		const mockNode: INode = { id: 'mock', name: '', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: new HarnessNodeTypes({ mock: { description: { properties: [] } } as unknown as INodeType }),
		});
		return workflow.expression.getComplexParameterValue(
			mockNode,
			decrypted as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			decrypted,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data[type] = data;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = { ...this.data[type], oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.get(type);
		if (!credentialType) return [];
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private requireData(type: string): ICredentialDataDecryptedObject {
		const data = this.data[type];
		if (!data) {
			throw new Error(`Harness: no credential data given for type "${type}" (RunOptions.credentials)`);
		}
		return data;
	}
}

function resolveValue(
	parameterValue: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	if (!returnValue) return '';
	return String(returnValue);
}

// ---------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------

const INPUT_NODE_TYPE_NAME = 'n8n-nodes-harness.input';
let executionCounter = 0;

/** Major version of the loaded n8n-core: 2 normally, 1 under `npm run test:1x` (jest.1x.config.js). */
export const N8N_CORE_MAJOR = Number(
	(require('n8n-core/package.json') as { version: string }).version.split('.')[0],
);

/** 1.x: `run(workflow, startNode)`; 2.x: `run({ workflow, startNode })`. Types are 2.x's. */
function startRun(engine: WorkflowExecute, workflow: Workflow, startNode: INode): ReturnType<WorkflowExecute['run']> {
	if (N8N_CORE_MAJOR < 2) {
		const run1x = engine.run as unknown as (w: Workflow, s: INode) => ReturnType<WorkflowExecute['run']>;
		return run1x.call(engine, workflow, startNode);
	}
	return engine.run({ workflow, startNode });
}

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Harness: unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

function inputNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Input',
			name: 'input',
			group: ['input'],
			version: 1,
			description: 'Outputs the test items',
			defaults: { name: INPUT_NODE_NAME },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [items.map((json) => ({ json: structuredClone(json), pairedItem: { item: 0 } }))];
		},
	};
}

function countingNodeType(nodeType: INodeType, onRun: () => void): INodeType {
	const original = nodeType.execute;
	if (typeof original !== 'function') return nodeType; // declarative node: RoutingNode runs it
	const wrapper = Object.create(nodeType) as INodeType;
	Object.defineProperty(wrapper, 'execute', {
		value: function (this: unknown, ...args: unknown[]) {
			onRun();
			return (original as (...a: unknown[]) => unknown).apply(this, args);
		},
		enumerable: true,
	});
	return wrapper;
}

function highestVersion(version: number | number[]): number {
	return Array.isArray(version) ? Math.max(...version) : version;
}

export function createAdditionalData(parts: {
	executionId: string | undefined;
	hooks: ExecutionLifecycleHooks | undefined;
	credentialsHelper: ICredentialsHelper;
}): IWorkflowExecuteAdditionalData {
	// 2.x builds resume urls with `new URL(...)` on the first getNodeParameter: absolute urls.
	const base = 'http://localhost:5678';
	const notSupported = (what: string) => async () => {
		throw new Error(`Harness: ${what} is not supported`);
	};
	return {
		credentialsHelper: parts.credentialsHelper,
		hooks: parts.hooks,
		executionId: parts.executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		userId: 'harness-user',
		executeWorkflow: notSupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notSupported('startRunnerTask'),
	} as unknown as IWorkflowExecuteAdditionalData;
}

function flattenExecutionError(error: IDataObject): RunExecutionError {
	const context = (error.context as IDataObject | undefined) ?? undefined;
	const itemIndex = context?.itemIndex;
	const node = error.node as INode | undefined;
	return {
		message: String(error.message),
		description: error.description as string | null | undefined,
		name: (error.name as string | undefined) ?? undefined,
		httpCode: error.httpCode as string | null | undefined,
		itemIndex: typeof itemIndex === 'number' ? itemIndex : undefined,
		context,
		nodeName: node?.name,
		raw: error,
	};
}

function getPath(obj: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((acc, part) => (acc == null ? undefined : (acc as IDataObject)[part]), obj);
}
