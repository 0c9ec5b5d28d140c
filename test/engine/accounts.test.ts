/**
 * One pool and one rate gate per account per n8n process: executions that run at once with
 * the same credential share them (a CRM closing 300 tickets fires 300 one-item executions),
 * while each keeps its own stop.
 */
import { getEventListeners, getMaxListeners } from 'node:events';
import type { IDataObject } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runListSearch } from '../harness/listSearch';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from './fixtures';

const sandbox = useSandbox();

/**
 * A CRM closing 300 tickets at once. Under n8n's vm expression engine (`npm run test:node24`)
 * every execution builds its own isolate, about 100 ms of CPU each: the burst is 100 there.
 * The registry under test does not depend on the engine.
 */
const BURST = process.env.N8N_EXPRESSION_ENGINE === 'vm' ? 100 : 300;

const rows = (n: number) => seedProfiles(sandbox(), n);

/** A webhook burst: one execution per event, all started in the same tick. */
function burst(events: Array<{ customerId: string; paymentProfileId: string }>, options?: IDataObject) {
	return Promise.all(events.map((event) => runCancel(sandbox(), { items: [event], onError: 'continueErrorOutput', options })));
}

/** A gate that has seen answers sends at once; one that has not starts one request at a time. */
const warmUp = () => runCancel(sandbox(), { items: rows(32), options: { concurrency: 16 } });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a burst of one-item executions', () => {
	it(`${BURST} at once share one pool: at most 16 connections open`, async () => {
		sandbox().latencyMs = 25;
		const events = rows(BURST);
		const results = await burst(events);
		expect(results.every((r) => r.success.length === 1)).toBe(true);
		// At once: a connection left idle past its keep-alive (a slow machine) is opened again.
		expect(sandbox().peakConnections).toBeLessThanOrEqual(16);
		for (const e of events) expect(sandbox().cancelCount(e.customerId, e.paymentProfileId)).toBe(1);
	});

	it('executions waiting for a free connection start their timeout only when they leave: a slow account times nobody out', async () => {
		await warmUp();
		// One execution takes all 16 connections, its answers held far past its timeout.
		const slow = rows(16);
		const held = sandbox().hold({ match: { customerId: slow[0].customerId }, times: 16 });
		const first = runCancel(sandbox(), { items: slow, onError: 'continueErrorOutput', options: { concurrency: 16, timeout: 600_000 } });
		await held.arrived(16);
		// 64 more, each with a 2 s timeout, wait for a connection for over twice that long. A
		// timeout counted from the wait would fire first; counted from when they leave, none can,
		// with 2 s for a loopback answer even on a busy machine.
		const waiting = burst(rows(64), { timeout: 2_000, maxRetries: 0 });
		await sleep(5_000);
		held.release();
		const [done, results] = await Promise.all([first, waiting]);
		expect(done.success).toHaveLength(16);
		expect(results.map((r) => r.error.map((i) => i.json.error))).toEqual(results.map(() => []));
		expect(results.map((r) => r.success[0]?.json.attempts)).toEqual(results.map(() => 1));
		expect(sandbox().peakInFlight).toBeLessThanOrEqual(16);
	});
});

describe('each execution keeps its own stop', () => {
	it('stopping one execution aborts only its requests; the other, on the same pool, finishes', async () => {
		await warmUp();
		const [stoppedRow, ...others] = rows(6);
		// Each has a request in flight on the pool when the stop comes.
		const stoppedHold = sandbox().hold({ match: { paymentProfileId: stoppedRow.paymentProfileId } });
		const othersHold = sandbox().hold({ match: { paymentProfileId: others[0].paymentProfileId } });
		const stop = new AbortController();
		const stopped = runCancel(sandbox(), { items: [stoppedRow], signal: stop.signal, onError: 'continueErrorOutput', options: { timeout: 600_000 } });
		const running = runCancel(sandbox(), { items: others, onError: 'continueErrorOutput', options: { concurrency: 1 } });
		await Promise.all([stoppedHold.arrived(), othersHold.arrived()]);
		stop.abort();
		othersHold.release();
		const [a, b] = await Promise.all([stopped, running]);
		stoppedHold.release();
		const stoppedItems = a.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main?.[1] ?? [];
		expect(stoppedItems.map((i) => (i.json.error as { code: string }).code)).toEqual(['cancelled']);
		expect(b.success).toHaveLength(5);
	});
});

describe('the pickers use the same pool', () => {
	it('a picker right after an execution opens no connection of its own', async () => {
		const events = rows(2);
		await runCancel(sandbox(), { items: events, options: { concurrency: 1 } });
		const opened = sandbox().connectionsOpened;
		await runListSearch({
			nodeType: new MercadoPago(),
			method: 'listPaymentProfiles',
			parameters: { resource: 'paymentProfile', operation: 'cancel', customerId: { __rl: true, mode: 'id', value: events[0].customerId } },
			credentials: { mercadoPagoApi: { accessToken: sandbox().token, baseUrl: sandbox().url } },
			credentialTypes: [new MercadoPagoApi()],
		});
		expect(sandbox().connectionsOpened).toBe(opened);
	});
});

describe('a run whose items wait at the gate together', () => {
	it("stays within every stop signal's listener allowance: Node warns of a memory leak beyond it", async () => {
		// Node's own check, read where it happens: n8n's worker logs would print the warning.
		const beyond: number[] = [];
		const add = EventTarget.prototype.addEventListener;
		EventTarget.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof add>) {
			add.apply(this, args);
			if (args[0] === 'abort' && this instanceof AbortSignal) {
				// Node's rule: an allowance of 0 is no limit.
				const listening = getEventListeners(this, 'abort').length;
				const allowed = getMaxListeners(this);
				if (allowed > 0 && listening > allowed) beyond.push(listening);
			}
		};
		try {
			// A gate that has seen no answer lets one request go first: the other 31 wait on the run's stop.
			const result = await runCancel(sandbox(), { items: rows(32), options: { concurrency: 32 } });
			expect(result.success).toHaveLength(32);
		} finally {
			EventTarget.prototype.addEventListener = add;
		}
		expect(beyond).toEqual([]);
	});
});
