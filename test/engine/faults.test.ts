import type { IDataObject } from 'n8n-workflow';
import { cancelBatch, failOnUnhandledRejections } from '../harness/batch';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import type { FaultRates } from '../sandbox/types';
import { seedProfiles } from './fixtures';

/**
 * Big batches under faults. Each run asserts the invariants the node promises whatever the
 * network does (test/harness/batch.ts): every input item comes out exactly once, no profile
 * changes twice, every attempt of one item carries the same key, nothing rejects unhandled.
 * The sandbox draws each request's fault from the seed and the request itself, so every run
 * has one outcome. Memory, and batches against limiters (429s), whose pace the gate learns on
 * the real clock, are in test/slow/.
 */
const ITEMS = 1_000;

const sandbox = useSandbox();
failOnUnhandledRejections();

function runBatch(rates: FaultRates, options: IDataObject = {}) {
	sandbox().faultRates = rates;
	// The most in flight: more interleaving for the invariants, and a retry's pause holds one
	// worker in 64 instead of one in 16. A timeout no answer meets on a busy 2-core machine.
	return cancelBatch(sandbox(), ITEMS, { concurrency: 64, timeout: 30_000, maxRetries: 4, ...options });
}

/**
 * Only hangs should meet it: short, so the run ends in seconds, and retries to spare for an
 * answer a busy machine delayed past it.
 */
const HANGS = { timeout: 2_000, maxRetries: 6 };

const faulted = (kind: string) => sandbox().requests.filter((r) => r.fault === kind).length;

describe(`${ITEMS} items under faults`, () => {
	it('random 500s', async () => {
		const result = await runBatch({ seed: 1, rates: { status500: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
		expect(faulted('status')).toBeGreaterThan(50);
	});

	it('connection resets', async () => {
		const result = await runBatch({ seed: 2, rates: { reset: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
		expect(faulted('reset')).toBeGreaterThan(50);
	});

	it('answers that hang past the timeout', async () => {
		const result = await runBatch({ seed: 3, rates: { hang: 0.03 } }, HANGS);
		expect(result.success.length).toBe(ITEMS);
		expect(faulted('hang')).toBeGreaterThan(15);
	});

	it('cancels applied and then the connection dropped', async () => {
		const result = await runBatch({ seed: 4, rates: { applyThenReset: 0.1 } });
		expect(result.success.length).toBe(ITEMS);
		// The retry was answered from Mercado Pago's idempotency record, not applied again.
		expect(sandbox().requests.filter((r) => r.replayed).length).toBeGreaterThan(50);
	});

	it('everything at once', async () => {
		const result = await runBatch(
			{ seed: 6, rates: { status500: 0.04, status503: 0.02, reset: 0.04, hang: 0.01, applyThenReset: 0.04 }, retryAfterSeconds: 0 },
			HANGS,
		);
		expect(result.success.length).toBe(ITEMS);
	});
});

describe('a known limit', () => {
	it('Max Requests per Second keeps a batch under it without a single 429', async () => {
		// Paced at 50 a second against a bucket of 60 a second that holds 60: no moment of the
		// run can take more than the bucket holds, however its requests bunch up on the way.
		sandbox().rateLimit = { rps: 60, retryAfterSeconds: 1 };
		const result = await cancelBatch(sandbox(), 120, { concurrency: 16, requestsPerSecond: 50 });
		expect(result.success).toHaveLength(120);
		expect(sandbox().requests.filter((r) => r.status === 429)).toHaveLength(0);
	});
});

describe('stopping the execution mid-batch', () => {
	it('aborts requests in flight at once and reports nothing unconfirmed as a success', async () => {
		const answered = seedProfiles(sandbox(), 40);
		const heldRows = seedProfiles(sandbox(), 160);
		// Every cancel of the second customer is applied on arrival and its answer held, past the
		// run's timeout and the test's: only the stop can end the run.
		const held = sandbox().hold({ match: { customerId: heldRows[0].customerId }, times: heldRows.length });
		const stop = new AbortController();
		const rows = [...answered, ...heldRows];
		const running = runCancel(sandbox(), {
			items: rows,
			onError: 'continueErrorOutput',
			signal: stop.signal,
			options: { concurrency: 8, timeout: 600_000 },
		});
		// Eight held: every worker waits on one, so every row before them has its answer.
		await held.arrived(8);
		stop.abort();
		const result = await running;
		held.release();

		const successes = result.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main?.[0] ?? [];
		const errors = result.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main?.[1] ?? [];
		expect(successes.map((i) => i.json.paymentProfileId)).toEqual(answered.map((r) => r.paymentProfileId));
		expect(errors.map((i) => i.json.paymentProfileId)).toEqual(heldRows.map((r) => r.paymentProfileId));
		expect(errors.map((i) => (i.json.error as { code: string }).code)).toEqual(errors.map(() => 'cancelled'));
		// Mercado Pago applied the eight held cancels; with no answer, none is reported a success.
		const applied = heldRows.filter((r) => sandbox().getProfile(r.customerId, r.paymentProfileId)?.status === 'CANCELLED');
		expect(applied).toHaveLength(8);
	});
});
