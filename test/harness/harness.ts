/**
 * Test harness: runs one node type inside n8n-core's real WorkflowExecute.
 *
 * Workflow built per run:   [Input] --main--> [node under test]
 * "Input" outputs the given items (each with pairedItem {item: 0}, like a Code node after a
 * Manual Trigger), so `$json`, pairedItem lineage and the error-output merge work as in n8n.
 *
 * Nothing of the node's execute functions is mocked: parameters, expressions, credentials
 * (through a small ICredentialsHelper), request helpers, On Error, Retry On Fail and
 * cancellation are n8n-core's own code. Runs on the n8n 2.x line in node_modules and on the
 * 1.x line of `npm run test:1x` (jest.1x.config.js); the few differences are marked.
 */
import './env'; // must come before n8n-core is first required

import * as fs from 'fs';
import * as path from 'path';

import { ExecutionLifecycleHooks, WorkflowExecute, getAdditionalKeys } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/**
 * Throws when n8n-core (in `coreDir`) would load another n8n-workflow than this package does:
 * two copies pass tests silently while breaking `instanceof NodeApiError` and the expression
 * engine.
 */
export function assertSingleN8nWorkflow(coreDir = path.dirname(require.resolve('n8n-core/package.json'))): void {
	const loaded = fs.realpathSync(require.resolve('n8n-workflow'));
	const fromCore = packageDirFrom(coreDir, 'n8n-workflow');
	if (!fromCore || !loaded.startsWith(fromCore + path.sep)) {
		throw new Error(
			`Two copies of n8n-workflow are installed:\n  loaded:   ${loaded}\n  n8n-core: ${fromCore}\n` +
				'Pin n8n-workflow to the exact version n8n-core depends on so npm dedupes it.',
		);
	}
}

/**
 * The folder node's own resolution finds package `name` in from `dir`: the nearest
 * node_modules/<name> upwards. Asked by hand because jest's require, createRequire included,
 * follows test:1x's remapping.
 */
function packageDirFrom(dir: string, name: string): string | undefined {
	for (let at = dir; ; at = path.dirname(at)) {
		const candidate = path.join(at, 'node_modules', name);
		if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
		if (path.dirname(at) === at) return undefined;
	}
}
assertSingleN8nWorkflow();

/** Major version of the loaded n8n-core: 2 normally, 1 under `npm run test:1x`. */
export const N8N_CORE_MAJOR = Number((require('n8n-core/package.json') as { version: string }).version.split('.')[0]);

export const DEFAULT_NODE_TYPE_NAME = 'n8n-nodes-mercadopago.mercadoPago';
const INPUT_NODE_NAME = 'Input';
const INPUT_NODE_TYPE_NAME = 'n8n-nodes-harness.input';

export interface RunOptions {
	/** The node class under test, e.g. `new MercadoPago()` (a versioned type may be cast to it). */
	nodeType: INodeType;
	/** Type string of the node in the workflow. Default 'n8n-nodes-mercadopago.mercadoPago'. */
	nodeTypeName?: string;
	/** Node name in the workflow (shows in errors). Default: description.displayName. */
	nodeName?: string;
	/** Default: the highest version of the description. */
	typeVersion?: number;
	/** The node's parameters; may hold expressions like '={{ $json.customer }}'. */
	parameters: INodeParameters;
	/** Input rows, output by the "Input" node. */
	items: IDataObject[];
	/** Credential data by credential type name, e.g. { mercadoPagoApi: { accessToken, baseUrl } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential classes: their defaults, expressions and `authenticate` get applied. */
	credentialTypes?: ICredentialType[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	/** n8n clamps to 2..5, default 3. */
	maxTries?: number;
	/** n8n clamps to 0..5000 ms, and 0 (falsy) becomes the default 1000: use 1 for "no wait". */
	waitBetweenTries?: number;
	/** Aborting it cancels the execution like the user pressing Stop. */
	signal?: AbortSignal;
}

/** The workflow-level error of a failed run (`raw.data.resultData.error`), flattened. */
export interface RunExecutionError {
	message: string;
	description?: string | null;
	/** e.g. 'NodeApiError', 'NodeOperationError'. */
	name?: string;
	/** NodeApiError's status as a string, e.g. '404'. */
	httpCode?: string | null;
	/** From `context.itemIndex`, where n8n's NodeError keeps it. */
	itemIndex?: number;
	/** What the node put in the error's context (itemIndex and more). */
	context?: IDataObject;
}

export interface RunResult {
	/** Output 0 of the node under test. */
	success: INodeExecutionData[];
	/** Output 1 (the error output, only with onError 'continueErrorOutput'), else []. */
	error: INodeExecutionData[];
	/** How many times the node's execute() ran (Retry On Fail re-runs it). */
	runs: number;
	/** 'success' | 'error' | 'canceled' | ... */
	status: ExecutionStatus;
	/** The workflow-level error when the run failed (stop mode or canceled). */
	executionError?: RunExecutionError;
	raw: IRun;
}

export async function runNode(opts: RunOptions): Promise<RunResult> {
	const mode: WorkflowExecuteMode = 'manual';
	const nodeTypeName = opts.nodeTypeName ?? DEFAULT_NODE_TYPE_NAME;
	const nodeName = opts.nodeName ?? opts.nodeType.description.displayName;
	const typeVersion = opts.typeVersion ?? highestVersion(opts.nodeType);

	// Count execute() calls without touching the node: an object inheriting everything from
	// the (version-resolved) node type, with only execute wrapped.
	let runs = 0;
	const resolved = NodeHelpers.getVersionedNodeType(opts.nodeType, typeVersion);
	const counted = Object.create(resolved) as INodeType;
	counted.execute = function (this: unknown, ...args: unknown[]) {
		runs++;
		return (resolved.execute as (...a: unknown[]) => unknown).apply(this, args);
	} as INodeType['execute'];

	const inputNode = makeNode(INPUT_NODE_NAME, INPUT_NODE_TYPE_NAME, 1, {});
	const nodeUnderTest: INode = {
		...makeNode(nodeName, nodeTypeName, typeVersion, opts.parameters, opts.credentials),
		onError: opts.onError,
		retryOnFail: opts.retryOnFail,
		maxTries: opts.maxTries,
		waitBetweenTries: opts.waitBetweenTries,
	};
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [inputNode, nodeUnderTest],
		connections: { [INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main' as const, index: 0 }]] } },
		settings: { executionOrder: 'v1' as const },
	};
	const workflow = new Workflow({
		...workflowData,
		active: false,
		nodeTypes: new HarnessNodeTypes({ [INPUT_NODE_TYPE_NAME]: inputNodeType(opts.items), [nodeTypeName]: counted }),
	});

	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData as unknown as IWorkflowBase);
	const credentialsHelper = new HarnessCredentialsHelper(opts.credentials ?? {}, opts.credentialTypes ?? []);
	const engine = new WorkflowExecute(createAdditionalData(credentialsHelper, executionId, hooks), mode);
	// 1.x: `run(workflow, startNode)`; 2.x: `run({ workflow, startNode })`. Types are 2.x's.
	const execution =
		N8N_CORE_MAJOR < 2
			? (engine.run as unknown as (w: Workflow, s: INode) => ReturnType<WorkflowExecute['run']>).call(engine, workflow, inputNode)
			: engine.run({ workflow, startNode: inputNode });

	const { signal } = opts;
	const onAbort = () => execution.cancel();
	if (signal?.aborted) onAbort();
	else signal?.addEventListener('abort', onAbort, { once: true });
	let run: IRun;
	try {
		run = await execution;
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}

	const main = run.data.resultData.runData[nodeName]?.[0]?.data?.main ?? [];
	const error = run.data.resultData.error as unknown as IDataObject | undefined;
	const context = error?.context as IDataObject | undefined;
	return {
		success: main[0] ?? [],
		error: main[1] ?? [],
		runs,
		status: run.status,
		executionError: error && {
			message: String(error.message),
			description: error.description as string | null | undefined,
			name: error.name as string | undefined,
			httpCode: error.httpCode as string | null | undefined,
			itemIndex: typeof context?.itemIndex === 'number' ? context.itemIndex : undefined,
			context,
		},
		raw: run,
	};
}

/**
 * What n8n-core asks of n8n's CredentialsHelper, without a database: getDecrypted returns the
 * given data with the credential type's defaults filled in and its expressions resolved;
 * authenticate applies the type's `authenticate`: a function (this package's credential), or
 * a generic block (n8n's Header Auth, for the benchmark) with its `={{$credentials.x}}`
 * expressions resolved by the real expression engine, as n8n does. No credential here extends
 * another, uses OAuth or pre-authentication, or is written back.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types: Map<string, ICredentialType>;
	/** How often credential data was asked for: each time is a database query in n8n. */
	decryptions = 0;

	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: ICredentialType[],
	) {
		super();
		this.types = new Map(credentialTypes.map((type) => [type.name, type]));
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.get(type)?.properties ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types.get(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate) throw new Error(`Harness: ${typeName} has no authenticate`);
		const { expression } = workflow;
		const resolve = (value: string) =>
			isExpression(value)
				? String(expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '')
				: value;
		const target = requestOptions as unknown as Record<string, IDataObject | undefined>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				target[outerKey] = { ...target[outerKey], [resolve(key)]: resolve(value as string) };
			}
		}
		return requestOptions;
	}

	/** n8n-core asks before every authenticated request; only expirable credentials answer. */
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		_raw?: boolean,
		values?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions++;
		const given = this.data[type];
		if (!given) throw new Error(`Harness: no credential data given for type "${type}"`);
		const properties = this.getCredentialsProperties(type);
		const defaults = NodeHelpers.getNodeParameters(properties, structuredClone(given) as INodeParameters, true, false, null, null);
		const data = defaults as INodeParameters;
		// In an execution n8n resolves them with the running workflow (which holds the vm
		// isolate); outside one (pickers, credential test) with a workflow of its own.
		const node = values?.node ?? makeNode('', 'mock', 1, {});
		const workflow = values?.workflow ?? oneNodeWorkflow(node, MOCK_NODE_TYPE);
		const keys = getAdditionalKeys(additionalData, mode, null);
		const resolved = workflow.expression.getComplexParameterValue(node, data, mode, keys, executeData, undefined, data);
		return resolved as ICredentialDataDecryptedObject;
	}

	// Only OAuth, pre-authentication and the credentials UI call these.
	async runPreAuthentication(): Promise<undefined> {
		throw new Error('Harness: pre-authentication is not supported');
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Harness: getCredentials is not supported');
	}

	async updateCredentials(): Promise<void> {
		throw new Error('Harness: updating credentials is not supported');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('Harness: OAuth is not supported');
	}
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

let executionCounter = 0;
/** The type of the node credential expressions resolve in outside an execution. */
const MOCK_NODE_TYPE = { description: { properties: [] } } as unknown as INodeType;

/** A workflow of one node, as n8n builds one for a picker or a credential test. */
export function oneNodeWorkflow(node: INode, nodeType: INodeType): Workflow {
	const nodeTypes = new HarnessNodeTypes({ [node.type]: nodeType });
	return new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
}

/** A workflow node; every credential given is attached by a made-up id. */
export function makeNode(
	name: string,
	type: string,
	typeVersion: number,
	parameters: INodeParameters,
	credentials: Record<string, unknown> = {},
): INode {
	const refs = Object.keys(credentials).map((credentialType) => [credentialType, credentialRef(credentialType)]);
	return { id: `harness-${name}`, name, type, typeVersion, position: [0, 0], parameters, credentials: Object.fromEntries(refs) };
}

export function credentialRef(type: string): { id: string; name: string } {
	return { id: `${type}-id`, name: `${type} (test)` };
}

export function highestVersion(nodeType: INodeType): number {
	return Math.max(...[nodeType.description.version].flat());
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
		async execute() {
			return [items.map((json) => ({ json: structuredClone(json), pairedItem: { item: 0 } }))];
		},
	};
}

/** The parts of n8n's additional data the engine reads for these nodes. */
export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	executionId?: string,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	// 2.x parses the resume urls ($execution.resumeUrl) with `new URL(...)`: absolute ones.
	const base = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}
