/**
 * What one run does to the account it shares must never fail another run's requests: a run
 * that grows the pool, and the listeners each request puts on its execution's stop.
 */
import { getEventListeners } from 'node:events';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runNode } from '../harness/harness';
import { CANCEL_FROM_ROWS, runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from './fixtures';

const sandbox = useSandbox();

describe('a run that grows the pool', () => {
	it("never fails another run's requests that wait for a slot meanwhile", async () => {
		sandbox().latencyMs = 100;
		const [a, b, c] = [24, 8, 1].map((n) => seedProfiles(sandbox(), n));
		// 32 items for 16 slots: some wait for a slot, with the pool they were started on.
		const first = runCancel(sandbox(), { items: a, options: { concurrency: 16, maxRetries: 0 }, onError: 'continueErrorOutput' });
		const second = runCancel(sandbox(), { items: b, options: { concurrency: 8, maxRetries: 0 }, onError: 'continueErrorOutput' });
		while (sandbox().requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		// Concurrency 32 is more than the pool may open: the account gets a larger one.
		const third = runCancel(sandbox(), { items: c, options: { concurrency: 32, maxRetries: 0 }, onError: 'continueErrorOutput' });
		const results = await Promise.all([first, second, third]);
		expect(results.map((r) => r.error.map((i) => i.json.error))).toEqual([[], [], []]);
		expect(results.map((r) => r.success.length)).toEqual([24, 8, 1]);
	});
});

describe("the execution's stop", () => {
	/** The node as n8n runs it, keeping the execution's cancel signal to look at afterwards. */
	function watched() {
		const node = new MercadoPago();
		let signal: AbortSignal | undefined;
		const nodeType = Object.create(node) as INodeType;
		nodeType.execute = async function (this: IExecuteFunctions) {
			signal = this.getExecutionCancelSignal();
			return await node.execute.call(this);
		};
		return { nodeType, signal: () => signal! };
	}

	it('holds no listener of a request once the request is done, however many items ran', async () => {
		const listeners: number[] = [];
		for (const n of [1, 40]) {
			const { nodeType, signal } = watched();
			const result = await runNode({
				nodeType,
				credentialTypes: [new MercadoPagoApi()],
				credentials: { mercadoPagoApi: { accessToken: sandbox().token, baseUrl: sandbox().url } },
				parameters: { ...CANCEL_FROM_ROWS, options: { concurrency: 8 } },
				items: seedProfiles(sandbox(), n),
			});
			expect(result.success).toHaveLength(n);
			listeners.push(getEventListeners(signal(), 'abort').length);
		}
		expect(listeners[1]).toBe(listeners[0]);
	});
});
