import type { IDataObject } from 'n8n-workflow';
import type { RunResult } from '../harness/harness';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import type { FaultRates } from '../sandbox/types';

/**
 * Big batches under faults. Each run asserts the invariants the node promises whatever the
 * network does: every input item comes out exactly once, no profile changes twice, every
 * attempt of one item carries the same key, nothing rejects unhandled, memory stays bounded.
 */
const ITEMS = 1_000;

const sandbox = useSandbox();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
	process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
});
beforeEach(() => {
	unhandled.length = 0;
});

function seedRows(n: number): IDataObject[] {
	const rows: IDataObject[] = [];
	const customers = sandbox().seed(Math.ceil(n / 10), 10);
	for (const { customer, profiles } of customers) {
		for (const profile of profiles) rows.push({ customerId: customer.id, paymentProfileId: profile.id });
	}
	return rows.slice(0, n);
}

/** `npm test` runs jest with --expose-gc, so this is the live heap, not garbage awaiting collection. */
function heapUsed(): number {
	global.gc?.();
	return process.memoryUsage().heapUsed;
}

async function runBatch(rates: FaultRates | undefined, options: IDataObject = {}) {
	const rows = seedRows(ITEMS);
	sandbox().faultRates = rates;
	const heapBefore = heapUsed();
	const result = await runCancel(sandbox(), {
		items: rows,
		onError: 'continueErrorOutput',
		// Timeouts well above a loaded CI machine's answer times: only the hang fault should hit them.
		options: { concurrency: 16, timeout: 1_000, maxRetries: 4, ...options },
	});
	const heapGrowth = heapUsed() - heapBefore;
	assertInvariants(rows, result);
	// The outputs of 1,000 items and the sandbox's log are a few MB; a leak per request would be far more.
	expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
	return result;
}

function assertInvariants(rows: IDataObject[], result: RunResult) {
	expect(result.status).toBe('success');
	const seen = [...result.success, ...result.error].map((i) => (i.pairedItem as { item: number }).item);
	expect(seen.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
	// Each output keeps input order.
	for (const output of [result.success, result.error]) {
		const order = output.map((i) => (i.pairedItem as { item: number }).item);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	}

	const keysByProfile = new Map<string, Set<string | undefined>>();
	for (const request of sandbox().requests) {
		if (request.route !== 'cancel') continue;
		const id = `${request.customerId}/${request.paymentProfileId}`;
		if (!keysByProfile.has(id)) keysByProfile.set(id, new Set());
		keysByProfile.get(id)!.add(request.idempotencyKey);
	}
	for (const row of rows) {
		const id = `${row.customerId}/${row.paymentProfileId}`;
		expect(sandbox().cancelCount(String(row.customerId), String(row.paymentProfileId))).toBeLessThanOrEqual(1);
		expect(keysByProfile.get(id)?.size ?? 0).toBeLessThanOrEqual(1);
	}
	// A success means Mercado Pago cancelled it.
	for (const item of result.success) {
		expect(item.json.success).toBe(true);
		expect(sandbox().getProfile(String(item.json.customerId), String(item.json.paymentProfileId))?.status).toBe('CANCELLED');
	}
	expect(unhandled).toEqual([]);
}

describe(`${ITEMS} items under faults`, () => {
	it('random 500s', async () => {
		const result = await runBatch({ seed: 1, rates: { status500: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
		expect(sandbox().requests.filter((r) => r.fault).length).toBeGreaterThan(50);
	});

	it('connection resets', async () => {
		const result = await runBatch({ seed: 2, rates: { reset: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
	});

	it('answers that hang past the timeout', async () => {
		const result = await runBatch({ seed: 3, rates: { hang: 0.03 } }, { timeout: 500 });
		expect(result.success.length).toBe(ITEMS);
	});

	it('cancels applied and then the connection dropped', async () => {
		const result = await runBatch({ seed: 4, rates: { applyThenReset: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
		// The retry was answered from Mercado Pago's idempotency record, not applied again.
		expect(sandbox().requests.filter((r) => r.replayed).length).toBeGreaterThan(50);
	});

	it('a 429 storm: a limiter far below the pace, Retry-After 0, and a window that runs out', async () => {
		// A bucket of burst 1 at 100 req/s meets a batch that starts at full speed; then a
		// fixed window of 4 s cuts everything off at once after its quota. How many 429s the
		// gate takes to learn each depends on timing; that there were some does not.
		sandbox().rateLimit = { rps: 100, burst: 1, retryAfter: 0 };
		const first = await runBatch(undefined, { maxRetries: 8 });
		expect(first.success.length).toBe(ITEMS);
		expect(sandbox().requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		sandbox().reset();
		// A new credential: the window meets a gate that starts afresh, at full speed.
		sandbox().newCredential();
		sandbox().rateLimit = { rps: 100, shape: 'fixedWindow', windowMs: 4_000, retryAfter: 'none' };
		const second = await runBatch(undefined, { maxRetries: 8 });
		expect(second.success.length).toBe(ITEMS);
		expect(sandbox().requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
	});

	it('everything at once', async () => {
		// The 429s come from a limiter: 429s that come whatever the pace are a known limit of the
		// gate (README, "Rate limits").
		sandbox().rateLimit = { rps: 300, burst: 10, retryAfterSeconds: 1 };
		const result = await runBatch(
			{ seed: 5, rates: { status500: 0.04, status503: 0.02, reset: 0.04, hang: 0.01, applyThenReset: 0.04 }, retryAfterSeconds: 0 },
			{ maxRetries: 6 },
		);
		// With this many retries nothing should be left over; if something were, it is on the error output.
		expect(result.success.length + result.error.length).toBe(ITEMS);
		expect(result.success.length).toBeGreaterThan(ITEMS * 0.99);
	});
});

describe('one rate gate for the whole execution', () => {
	it('a rate-limited account slows every request down together instead of each item hammering', async () => {
		const rows = seedRows(300);
		sandbox().rateLimit = { rps: 50, retryAfterSeconds: 1 };
		const result = await runCancel(sandbox(), { items: rows, onError: 'continueErrorOutput', options: { concurrency: 16 } });
		assertInvariants(rows, result);
		expect(result.success).toHaveLength(rows.length);
		const throttled = sandbox().requests.filter((r) => r.status === 429).length;
		// The first burst meets the limit; after that the gate paces requests under it. Items
		// retrying on their own would each collect several 429s (hundreds in all).
		expect(throttled).toBeLessThan(40);
	});

	it('Max Requests per Second keeps a batch under a known limit without a single 429', async () => {
		const rows = seedRows(120);
		sandbox().rateLimit = { rps: 60, retryAfterSeconds: 1 };
		const result = await runCancel(sandbox(), {
			items: rows,
			onError: 'continueErrorOutput',
			options: { concurrency: 16, requestsPerSecond: 50 },
		});
		assertInvariants(rows, result);
		expect(result.success).toHaveLength(rows.length);
		expect(sandbox().requests.filter((r) => r.status === 429)).toHaveLength(0);
	});
});

describe('stopping the execution mid-batch', () => {
	it('aborts requests in flight at once and reports nothing unconfirmed as a success', async () => {
		const rows = seedRows(200);
		sandbox().latencyMs = 50;
		// Every 20th request hangs, so some are in flight when the stop comes.
		sandbox().faultRates = { seed: 6, rates: { hang: 0.05 } };
		const stop = new AbortController();
		let stoppedAt = 0;
		setTimeout(() => {
			stoppedAt = Date.now();
			stop.abort();
		}, 400);
		const result = await runCancel(sandbox(), {
			items: rows,
			onError: 'continueErrorOutput',
			signal: stop.signal,
			options: { concurrency: 8, timeout: 60_000 },
		});
		const endedAfterStop = Date.now() - stoppedAt;

		// Hanging requests would have held the run for the 60 s timeout: the stop cut them.
		expect(endedAfterStop).toBeLessThan(1_000);
		const successes = result.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main?.[0] ?? [];
		const errors = result.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main?.[1] ?? [];
		expect(successes.length + errors.length).toBe(rows.length);
		expect(successes.length).toBeGreaterThan(0);
		for (const item of successes) {
			expect(sandbox().getProfile(String(item.json.customerId), String(item.json.paymentProfileId))?.status).toBe('CANCELLED');
		}
		expect(errors.map((i) => (i.json.error as { code: string }).code)).toEqual(errors.map(() => 'cancelled'));
	});
});
