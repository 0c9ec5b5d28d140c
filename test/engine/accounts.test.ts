/**
 * One pool and one rate gate per account per n8n process: executions that run at once with
 * the same credential share them (a CRM closing 300 tickets fires 300 one-item executions),
 * while each keeps its own stop.
 */
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
const VM = process.env.N8N_EXPRESSION_ENGINE === 'vm';
const BURST = VM ? 100 : 300;
/** Timing checks run on the legacy engine only: building isolates stalls the event loop for longer than their margins. */
const timed = VM ? it.skip : it;

const rows = (n: number) => seedProfiles(sandbox(), n);

/** A webhook burst: one execution per event, all started in the same tick. */
function burst(events: Array<{ customerId: string; paymentProfileId: string }>) {
	return Promise.all(events.map((event) => runCancel(sandbox(), { items: [event], onError: 'continueErrorOutput' })));
}

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

	timed('96 at once wait for a free connection before their timeout starts: a slow account times nobody out', async () => {
		// 16 in flight at a time, 300 ms each: the last two rounds leave 1.2 s and 1.5 s after
		// the burst, past the 1.1 s timeout, yet a timeout counts only from when it leaves.
		sandbox().latencyMs = 300;
		const events = rows(96);
		const results = await Promise.all(
			events.map((event) => runCancel(sandbox(), { items: [event], onError: 'continueErrorOutput', options: { timeout: 1_100, maxRetries: 0 } })),
		);
		expect(results.filter((r) => r.success.length === 1)).toHaveLength(96);
		expect(sandbox().peakInFlight).toBeLessThanOrEqual(16);
	});

	it(`${BURST} at once against a limit of 100 per second, bursts of 10, learn it together: every one succeeds`, async () => {
		sandbox().latencyMs = 25;
		sandbox().rateLimit = { rps: 100, burst: 10, retryAfterSeconds: 1 };
		const events = rows(BURST);
		const results = await burst(events);
		expect(results.filter((r) => r.success.length === 1)).toHaveLength(BURST);
		const throttled = sandbox().requests.filter((r) => r.status === 429).length;
		// Per-execution gates answered 1,005 of 1,094 requests 429 here; one shared gate keeps it a small share.
		expect(throttled / sandbox().requests.length).toBeLessThan(0.25);
	});
});

describe('each execution keeps its own stop', () => {
	it('stopping one execution aborts only its requests; the other, on the same pool, finishes', async () => {
		const [hung, ...others] = rows(6);
		sandbox().inject({ kind: 'hang', match: { paymentProfileId: hung.paymentProfileId } });
		sandbox().latencyMs = 200;
		const stop = new AbortController();
		const stopped = runCancel(sandbox(), { items: [hung], signal: stop.signal, onError: 'continueErrorOutput', options: { timeout: 60_000 } });
		const running = runCancel(sandbox(), { items: others, onError: 'continueErrorOutput', options: { concurrency: 1 } });
		setTimeout(() => stop.abort(), 100);
		const [a, b] = await Promise.all([stopped, running]);
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
