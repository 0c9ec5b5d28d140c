/**
 * Test harness for a trigger's webhook: a loopback HTTP server that receives calls the way n8n
 * 2.41's webhook server does and runs the node's `webhook()` inside n8n-core's own
 * WebhookContext, then, like n8n's executeWebhook, answers and starts an execution of the
 * workflow data it returned in n8n-core's WorkflowExecute.
 *
 * What n8n does, and this mirrors (n8n's webhook-helpers `executeWebhook`, WebhookService):
 * - publishing runs the node's `webhookMethods.default` checkExists, then create, in a HookContext;
 * - per call: the body parsed (JSON), the query parsed by `qs` (express's "extended" parser),
 *   `additionalData.httpRequest`/`httpResponse` set, `new WebhookContext(workflow, node,
 *   additionalData, mode, webhookData, closeFunctions, null)`, `webhook()` called on it, then
 *   the close functions;
 * - `noWebhookResponse`: the node answered itself; no `workflowData`: 200 with the node's
 *   `webhookResponse`, or `{ message: 'Webhook call received' }`; `workflowData`: an execution
 *   starts with the trigger node on the stack holding it, and (response mode "onReceived") the
 *   answer goes out once it has started: 200 with no body when the webhook's `responseData` is
 *   'noData', else the node's `webhookResponse` or `{ message: 'Workflow was started' }`
 *   (`responseData` left unset is n8n's 'firstEntryJson', which it sends as that very text);
 *   `webhook()` throwing: 500.
 * Production calls run in mode 'webhook', test calls ('Listen for test event') in 'manual'.
 */
import './env'; // must come before n8n-core is first required

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow, createRunExecutionData, jsonParse } from 'n8n-workflow';
import type {
	CloseFunction,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { HarnessCredentialsHelper, HarnessNodeTypes, createAdditionalData, highestVersion, makeNode } from './harness';

const qs = require('qs') as { parse(text: string): Record<string, unknown> };

export interface TriggerServerOptions {
	nodeType: INodeType;
	/** Type string of the node in the workflow, e.g. 'n8n-nodes-mercadopago.mercadoPagoTrigger'. */
	nodeTypeName: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	/** 'webhook': the Production URL of a published workflow; 'manual': the Test URL. Default 'webhook'. */
	mode?: Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;
	/** Several servers in one test act as several workflows (or n8n processes). */
	workflowId?: string;
}

/** One execution a call started. */
export interface StartedExecution {
	executionId: string;
	/** What the trigger node handed to the execution (its output). */
	items: INodeExecutionData[];
	/** The whole execution, run by n8n-core's WorkflowExecute. */
	run: Promise<IRun>;
}

/** What a call was answered. */
export interface Answer {
	status: number;
	body: string;
}

let executionCounter = 0;

export class TriggerServer {
	readonly url: string;
	readonly executions: StartedExecution[] = [];
	/** Errors `webhook()` threw, in order. */
	readonly thrown: Error[] = [];
	private failingStarts = 0;

	constructor(
		private readonly server: Server,
		private readonly workflow: Workflow,
		private readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly credentialsHelper: HarnessCredentialsHelper,
		private readonly mode: 'webhook' | 'manual',
	) {
		const { port } = server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}/${mode === 'webhook' ? 'webhook' : 'webhook-test'}/${node.webhookId}/webhook`;
		server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res));
	}

	private webhookData(additionalData: ReturnType<typeof createAdditionalData>): IWebhookData {
		const [webhookDescription] = this.nodeType.description.webhooks!;
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: this.mode === 'manual',
		};
	}

	/** Publishing (or Listen for test event): checkExists, then create when it says false. */
	async activate(): Promise<void> {
		const additionalData = createAdditionalData(this.credentialsHelper);
		const webhookData = this.webhookData(additionalData);
		const methods = this.nodeType.webhookMethods?.default;
		if (!methods) return;
		const hook = () => new HookContext(this.workflow, this.node, additionalData, this.mode, 'activate', webhookData);
		if (!(await methods.checkExists.call(hook()))) await methods.create.call(hook());
	}

	/** Unpublishing: delete. */
	async deactivate(): Promise<boolean> {
		const additionalData = createAdditionalData(this.credentialsHelper);
		const hook = new HookContext(this.workflow, this.node, additionalData, this.mode, 'activate', this.webhookData(additionalData));
		return (await this.nodeType.webhookMethods?.default?.delete.call(hook)) ?? true;
	}

	/**
	 * The next `count` executions fail to start, as n8n's "Workflow could not be started!" (500)
	 * when its database is overloaded: `webhook()` ran, then nothing started.
	 */
	failNextStarts(count: number): void {
		this.failingStarts = count;
	}

	/** How often the node asked n8n for its credential (each time a database query in n8n). */
	get credentialReads(): number {
		return this.credentialsHelper.decryptions;
	}

	/** Resolves once every execution started so far has finished. */
	async settled(): Promise<IRun[]> {
		return await Promise.all(this.executions.map((e) => e.run));
	}

	async close(): Promise<void> {
		await this.settled();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
		let body: unknown;
		try {
			body = rawBody.length && contentType === 'application/json' ? jsonParse(rawBody.toString('utf8')) : undefined;
		} catch {
			// n8n answers 422 before the node sees anything.
			this.reply(res, 422, { message: 'Failed to parse request body' });
			return;
		}
		// The parts of express's Request that n8n-core's WebhookContext and a node read.
		Object.assign(req, { body, rawBody, contentType, originalUrl: url, params: {}, query: qs.parse(q === -1 ? '' : url.slice(q + 1)) });

		const executionId = `trigger-${++executionCounter}`;
		const additionalData = createAdditionalData(this.credentialsHelper, executionId);
		Object.assign(additionalData, { httpRequest: req, httpResponse: res });
		const closeFunctions: CloseFunction[] = [];
		const context = new WebhookContext(this.workflow, this.node, additionalData, this.mode, this.webhookData(additionalData), closeFunctions, null);
		let result: IWebhookResponseData;
		try {
			result = await this.nodeType.webhook!.call(context);
		} catch (error) {
			this.thrown.push(error as Error);
			this.reply(res, 500, { code: 0, message: 'Error in workflow' });
			return;
		} finally {
			await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
		}
		if (result.noWebhookResponse) return;
		if (result.workflowData === undefined) {
			this.reply(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (this.failingStarts > 0) {
			this.failingStarts--;
			this.reply(res, 500, { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		this.start(executionId, result.workflowData);
		const { responseData = 'firstEntryJson' } = this.nodeType.description.webhooks![0];
		if (responseData === 'noData') this.reply(res, 200, undefined);
		else this.reply(res, 200, responseData || (result.webhookResponse ?? { message: 'Workflow was started' }));
	}

	/** As n8n's prepareExecutionData: the trigger node on the stack, holding what it returned. */
	private start(executionId: string, workflowData: INodeExecutionData[][]): void {
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node, data: { main: workflowData }, source: null }] },
		});
		const workflowBase = { id: this.workflow.id, name: this.workflow.name, nodes: [this.node], connections: {} } as unknown as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks(this.mode, executionId, workflowBase);
		const additionalData = createAdditionalData(this.credentialsHelper, executionId, hooks);
		const engine = new WorkflowExecute(additionalData, this.mode, runExecutionData);
		this.executions.push({ executionId, items: workflowData[0] ?? [], run: engine.processRunExecutionData(this.workflow) });
	}

	private reply(res: ServerResponse, status: number, body: unknown): void {
		if (res.headersSent) return;
		if (body === undefined) {
			res.writeHead(status);
			res.end();
			return;
		}
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' });
		res.end(text);
	}
}

/** A workflow holding only the trigger, published (or listening for a test event) on a loopback port. */
export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const mode = options.mode ?? 'webhook';
	const resolved = NodeHelpers.getVersionedNodeType(options.nodeType, highestVersion(options.nodeType));
	const serial = String(++executionCounter).padStart(12, '0');
	const node: INode = {
		...makeNode(options.nodeType.description.defaults.name ?? 'Trigger', options.nodeTypeName, highestVersion(options.nodeType), options.parameters, options.credentials),
		webhookId: `0c0ffee0-0000-4000-8000-${serial}`,
	};
	// In n8n a credential id names one credential's data: each server's credentials are their own.
	for (const ref of Object.values(node.credentials ?? {})) ref.id = `${ref.id}-${serial}`;
	const workflow = new Workflow({
		id: options.workflowId ?? 'trigger-workflow',
		name: 'Trigger workflow',
		nodes: [node],
		connections: {},
		active: mode === 'webhook',
		nodeTypes: new HarnessNodeTypes({ [options.nodeTypeName]: resolved }),
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(options.credentials, options.credentialTypes);
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return new TriggerServer(server, workflow, node, resolved, credentialsHelper, mode);
}
