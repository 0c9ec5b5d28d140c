/**
 * What the benchmark runs: this node and n8n's HTTP Request node, each configured as a user
 * would for "cancel the payment profile of every row", run by the test harness (n8n-core's
 * WorkflowExecute) against the sandbox.
 */
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { Pool } from 'undici';
import { MercadoPago } from '../nodes/MercadoPago/MercadoPago.node';
import { runCancel } from '../test/harness/runMercadoPago';
import { runNode, type RunOptions, type RunResult } from '../test/harness/harness';
import type { NodesBase } from './nodesBase';
import type { RemoteSandbox, Row } from './remoteSandbox';

export interface Subject {
	label: string;
	/** Requests in flight at once, when the configuration bounds it. */
	concurrency?: number;
	run(sandbox: RemoteSandbox, rows: Row[]): Promise<RunResult>;
}

type Settings = Pick<RunOptions, 'onError' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;

/** Failed items go to the error output, so a run reports every item instead of stopping at the first. */
const TO_ERROR_OUTPUT: Settings = { onError: 'continueErrorOutput' };

export function mercadoPago(label: string, options: IDataObject = {}, concurrency?: number): Subject {
	return {
		label,
		concurrency,
		run: (sandbox, rows) => runCancel(sandbox, { items: rows as unknown as IDataObject[], options, ...TO_ERROR_OUTPUT }),
	};
}

/** Whether the node has an option (options appear while other work is in progress). */
export function mercadoPagoHasOption(name: string): boolean {
	const options = new MercadoPago().description.properties.find((p) => p.name === 'options');
	return (options?.options as INodeProperties[] | undefined)?.some((o) => o.name === name) ?? false;
}

export interface HttpRequestConfig {
	/** options > Batching: items per batch and ms between batches (n8n's UI defaults: 50 and 1000). */
	batch?: { batchSize: number; batchInterval: number };
	/** Node settings; default: failed items to the error output. */
	settings?: Settings;
}

/**
 * The HTTP Request node as a user builds the same call from the API docs: POST to the cancel
 * URL built by expressions, a Header Auth credential holding `Authorization: Bearer …`, and an
 * idempotency key made of the two ids by expression. Latest node version; everything else default.
 */
export function httpRequest(base: NodesBase, label: string, config: HttpRequestConfig = {}, concurrency?: number): Subject {
	return {
		label,
		concurrency,
		run: (sandbox, rows) =>
			runNode({
				// A versioned node type: the harness resolves the version through NodeHelpers like n8n.
				nodeType: base.httpRequest as unknown as INodeType,
				nodeTypeName: 'n8n-nodes-base.httpRequest',
				nodeName: 'HTTP Request',
				typeVersion: base.httpRequestVersion,
				credentialTypes: [base.httpHeaderAuth],
				credentials: { httpHeaderAuth: { name: 'Authorization', value: `Bearer ${sandbox.token}` } },
				parameters: {
					method: 'POST',
					url: `=${sandbox.url}/v1/customers/{{ $json.customerId }}/payment-profiles/{{ $json.paymentProfileId }}/cancel`,
					authentication: 'genericCredentialType',
					genericAuthType: 'httpHeaderAuth',
					sendHeaders: true,
					headerParameters: {
						parameters: [{ name: 'X-Idempotency-Key', value: '=cancel-{{ $json.paymentProfileId }}' }],
					},
					options: config.batch ? { batching: { batch: config.batch } } : {},
				},
				items: rows as unknown as IDataObject[],
				...(config.settings ?? TO_ERROR_OUTPUT),
			}),
	};
}

/**
 * A webhook burst (a CRM closing tickets fires one execution per ticket): one one-item
 * execution of `subject` per row, all started together in this process.
 */
export function burstOf(subject: Subject, label: string): Subject {
	return {
		label,
		run: async (sandbox, rows) => {
			const results = await Promise.all(rows.map((row) => subject.run(sandbox, [row])));
			return {
				success: results.flatMap((r) => r.success),
				error: results.flatMap((r) => r.error),
				runs: results.reduce((sum, r) => sum + r.runs, 0),
				status: results.every((r) => r.status === 'success') ? 'success' : 'error',
				raw: results[0]?.raw,
			} as RunResult;
		},
	};
}

/** One cancel straight from an undici pool: its status, with Retry-After in seconds when it says one. */
async function cancelFrom(pool: Pool, sandbox: RemoteSandbox, row: Row): Promise<{ status: number; retryAfterS?: number }> {
	const { customerId, paymentProfileId } = row;
	const res = await pool.request({
		method: 'POST',
		path: `/v1/customers/${encodeURIComponent(customerId)}/payment-profiles/${encodeURIComponent(paymentProfileId)}/cancel`,
		headers: { authorization: `Bearer ${sandbox.token}`, 'x-idempotency-key': `cancel-${paymentProfileId}` },
	});
	await res.body.dump();
	const retryAfter = Number(res.headers['retry-after']);
	return { status: res.statusCode, ...(Number.isFinite(retryAfter) ? { retryAfterS: retryAfter } : {}) };
}

function counted(rows: Row[], ok: number): RunResult {
	const items = (n: number) => new Array<INodeExecutionData>(n).fill({ json: {} });
	return { success: items(ok), error: items(rows.length - ok), runs: 1, status: 'success' } as RunResult;
}

/**
 * No n8n and no node: the same requests straight from an undici pool, `concurrency` in flight.
 * What this machine and the sandbox allow at best, next to the physical limit; on a busy
 * machine the two differ, and a node is better judged against this row.
 */
export function undiciAlone(label: string, concurrency: number): Subject {
	return {
		label,
		concurrency,
		run: async (sandbox, rows) => {
			const pool = new Pool(sandbox.url, { connections: concurrency });
			let next = 0;
			let ok = 0;
			const worker = async () => {
				while (next < rows.length) {
					if ((await cancelFrom(pool, sandbox, rows[next++])).status < 300) ok++;
				}
			};
			await Promise.all(Array.from({ length: concurrency }, worker));
			await pool.close();
			return counted(rows, ok);
		},
	};
}

/**
 * No n8n, no node and no learning: one request every 1000 / `perSecond` ms, as a client
 * hand-tuned to a known limit sends them, with this process's timers; a 429 goes back in the
 * queue after its Retry-After (1 s when absent). Against a limiter that allows no burst, what
 * it loses to the machine's timing (timers, sockets, the server's event loop) is what any
 * client here loses.
 */
export function undiciPaced(label: string, perSecond: number): Subject {
	return {
		label,
		run: async (sandbox, rows) => {
			const pool = new Pool(sandbox.url, { connections: 16 });
			const queue = [...rows];
			let ok = 0;
			const inFlight = new Set<Promise<void>>();
			const send = (row: Row) => {
				const done = cancelFrom(pool, sandbox, row).then(async ({ status, retryAfterS }) => {
					if (status < 300) return void ok++;
					if (status !== 429) return;
					await new Promise((resolve) => setTimeout(resolve, (retryAfterS ?? 1) * 1000));
					queue.push(row);
				});
				inFlight.add(done);
				void done.finally(() => inFlight.delete(done));
			};
			while (queue.length > 0 || inFlight.size > 0) {
				const row = queue.shift();
				if (row) send(row);
				await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
			}
			await pool.close();
			return counted(rows, ok);
		},
	};
}
