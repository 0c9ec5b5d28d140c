/**
 * Memory: a 1,000-item batch under faults holds about what the same batch holds without them,
 * and batch after batch the heap does not grow. Measured on the live heap (the slow lane runs
 * jest with --expose-gc), each run against the others in the same process.
 */
import { cancelBatch } from '../harness/batch';
import { useSandbox } from '../harness/useSandbox';
import type { FaultRates } from '../sandbox/types';

const ITEMS = 1_000;
const FAULTS: FaultRates = { seed: 1, rates: { status500: 0.05, reset: 0.05, hang: 0.01, applyThenReset: 0.05 }, retryAfterSeconds: 0 };
const sandbox = useSandbox();

function heapUsed(): number {
	if (!global.gc) throw new Error('run with node --expose-gc (npm run test:slow does)');
	global.gc();
	return process.memoryUsage().heapUsed;
}

/**
 * One batch: the heap it holds at its end, its output included, and the heap once its output
 * and the sandbox's log are gone, both above `base`.
 */
async function batch(base: number, rates?: FaultRates): Promise<{ held: number; after: number }> {
	sandbox().reset();
	sandbox().faultRates = rates;
	const result = await cancelBatch(sandbox(), ITEMS, { concurrency: 64, timeout: 1_000, maxRetries: 6 });
	expect(result.success).toHaveLength(ITEMS);
	const held = heapUsed() - base;
	sandbox().reset();
	return { held, after: heapUsed() - base };
}

it(`a batch of ${ITEMS} under faults holds what it holds without them, and batch after batch nothing stays`, async () => {
	// The first runs pay for what stays anyway: compiled code, n8n's caches, the account's pool.
	await batch(0);
	await batch(0, FAULTS);
	const base = heapUsed();
	const clean = await batch(base);
	const first = await batch(base, FAULTS);
	await batch(base, FAULTS);
	const third = await batch(base, FAULTS);
	// A retry, a timeout or a dropped connection that kept anything would grow with the faults.
	expect(first.held).toBeLessThan(1.5 * clean.held);
	// Anything a request kept past its run would pile up run after run: 2,300 requests in two.
	expect(third.after - first.after).toBeLessThan(0.25 * first.held);
});
