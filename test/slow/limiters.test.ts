/**
 * Batches against rate limiters that run on the real clock: the node's shared rate gate
 * learning a limit as it goes. How many 429s that takes depends on the machine's pace, so
 * each share of 429s is compared with a bare undici client's on the same sandbox and the
 * same limiter, in the same run: a client that retries each request on its own once its
 * Retry-After has passed, as code without a shared gate does.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { Agent, request } from 'undici';
import { batchRows, cancelBatch, failOnUnhandledRejections } from '../harness/batch';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import type { RateLimitOptions } from '../sandbox/types';

const sandbox = useSandbox();
failOnUnhandledRejections();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Share of the requests since the last reset that were answered 429. */
function refusedShare(): number {
	const { requests } = sandbox();
	return requests.filter((r) => r.status === 429).length / requests.length;
}

/** Cancels every row, `concurrency` at a time, each retried on its own after its 429's Retry-After. */
async function bareClient(rows: IDataObject[], concurrency: number): Promise<void> {
	const agent = new Agent({ connections: 16 });
	const headers = { authorization: `Bearer ${sandbox().token}` };
	let next = 0;
	const worker = async () => {
		while (next < rows.length) {
			const { customerId, paymentProfileId } = rows[next++];
			const path = `/v1/customers/${customerId}/payment-profiles/${paymentProfileId}/cancel`;
			const key = randomUUID();
			for (;;) {
				const res = await request(sandbox().url + path, { method: 'POST', headers: { ...headers, 'x-idempotency-key': key }, dispatcher: agent });
				await res.body.dump();
				if (res.statusCode !== 429) break;
				await sleep(Number(res.headers['retry-after'] ?? 1) * 1000);
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	await agent.close();
}

/** The bare client's share of 429s for `n` rows against a fresh `limit`; the sandbox is reset after. */
async function bareShare(limit: RateLimitOptions, n: number, concurrency: number): Promise<number> {
	sandbox().rateLimit = limit;
	await bareClient(batchRows(sandbox(), n), concurrency);
	const share = refusedShare();
	sandbox().reset();
	return share;
}

describe('one gate for every request of a run', () => {
	it('a batch against a limit slows down together: a small share of the 429s a bare client collects', async () => {
		const limit = { rps: 50, retryAfterSeconds: 1 };
		const bare = await bareShare(limit, 300, 16);
		sandbox().rateLimit = limit;
		const result = await cancelBatch(sandbox(), 300, { concurrency: 16 });
		expect(result.success).toHaveLength(300);
		expect(refusedShare()).toBeLessThan(bare / 2);
	});

	it('300 one-item executions at once learn a limit together: a small share of the 429s a bare client collects', async () => {
		const limit = { rps: 100, burst: 10, retryAfterSeconds: 1 };
		const bare = await bareShare(limit, 300, 300);
		sandbox().latencyMs = 25;
		sandbox().rateLimit = limit;
		const events = batchRows(sandbox(), 300);
		const results = await Promise.all(events.map((event) => runCancel(sandbox(), { items: [event], onError: 'continueErrorOutput' })));
		expect(results.filter((r) => r.success.length === 1)).toHaveLength(300);
		expect(refusedShare()).toBeLessThan(bare / 2);
	});
});

describe('1,000 items against limiters far below their pace', () => {
	const ITEMS = 1_000;

	const runBatch = (options: IDataObject = {}) =>
		cancelBatch(sandbox(), ITEMS, { concurrency: 16, timeout: 1_000, maxRetries: 8, ...options });

	it('a bucket of burst 1 with Retry-After 0, then a fixed window that runs out', async () => {
		// A bucket of burst 1 at 100 req/s meets a batch that starts at full speed; then a fixed
		// window of 4 s cuts everything off at once after its quota.
		sandbox().rateLimit = { rps: 100, burst: 1, retryAfter: 0 };
		expect((await runBatch()).success).toHaveLength(ITEMS);
		expect(sandbox().requests.some((r) => r.status === 429)).toBe(true);
		sandbox().reset();
		// A new credential: the window meets a gate that starts afresh, at full speed.
		sandbox().newCredential();
		sandbox().rateLimit = { rps: 100, shape: 'fixedWindow', windowMs: 4_000, retryAfter: 'none' };
		expect((await runBatch()).success).toHaveLength(ITEMS);
		expect(sandbox().requests.some((r) => r.status === 429)).toBe(true);
	});

	it('a limiter and every network fault at once', async () => {
		sandbox().rateLimit = { rps: 300, burst: 10, retryAfterSeconds: 1 };
		sandbox().faultRates = {
			seed: 5,
			rates: { status500: 0.04, status503: 0.02, reset: 0.04, hang: 0.01, applyThenReset: 0.04 },
			retryAfterSeconds: 0,
		};
		const result = await runBatch({ maxRetries: 6 });
		// Nothing lost: whatever the retries could not save is on the error output.
		expect(result.success.length + result.error.length).toBe(ITEMS);
		expect(result.success.length).toBeGreaterThan(ITEMS * 0.99);
	});
});
