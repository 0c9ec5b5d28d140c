/**
 * The real sandbox, on the real clock, honours each limiter shape the simulator uses: the
 * same classes decide, with performance.now(). Then the gate meets it over real sockets.
 */
import { systemClock } from '../../nodes/MercadoPago/shared/clock';
import { RateGate } from '../../nodes/MercadoPago/transport/rateGate';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEFAULT_BACKOFF, backoffDelay } from '../../nodes/MercadoPago/retry/backoff';
import { prng } from '../sandbox/faults';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.reset();
	sb.latencyMs = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function me(): Promise<{ status: number; retryAfter: string | null }> {
	const res = await fetch(`${sb.url}/users/me`, { headers: { Authorization: `Bearer ${sb.token}` } });
	await res.arrayBuffer();
	return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

const burst = (n: number) => Promise.all(Array.from({ length: n }, me));
const count = (answers: { status: number }[], status: number) => answers.filter((a) => a.status === status).length;

test('fixed window: its quota, then 429 with Retry-After the seconds to its reset', async () => {
	sb.rateLimit = { rps: 10, shape: 'fixedWindow', windowMs: 2_000, retryAfter: 'reset' };
	// Start just after a window opens, so the burst stays inside one window.
	await sleep(2_000 - (performance.now() % 2_000) + 20);
	const opened = performance.now();
	const answers = await burst(30);
	const tookMs = performance.now() - opened;
	expect(count(answers, 200)).toBe(20);
	// Whole seconds to the reset from each answer: 2 in the window's first second, 1 after it,
	// which a loaded machine can reach before the last answer.
	const said = new Set(answers.filter((a) => a.status === 429).map((a) => a.retryAfter));
	expect([...said].every((s) => s === '2' || (tookMs > 950 && s === '1'))).toBe(true);
	expect(said.size).toBeGreaterThan(0);
	await sleep(2_000 - (performance.now() % 2_000) + 20);
	expect(count(await burst(5), 200)).toBe(5);
});

test('sliding window: never more than its quota in any window, and no Retry-After when told so', async () => {
	sb.rateLimit = { rps: 10, shape: 'slidingWindow', windowMs: 500, retryAfter: 'none' };
	const first = await burst(8);
	expect(count(first, 200)).toBe(5);
	expect(first.filter((a) => a.status === 429).every((a) => a.retryAfter === null)).toBe(true);
	expect(count(await burst(3), 200)).toBe(0);
	await sleep(550);
	expect(count(await burst(8), 200)).toBe(5);
});

test('token bucket: its burst, then its refill, with a fixed Retry-After', async () => {
	sb.rateLimit = { rps: 2, burst: 3, retryAfter: 7 };
	const first = await burst(5);
	expect(count(first, 200)).toBe(3);
	expect(first.filter((a) => a.status === 429).map((a) => a.retryAfter)).toEqual(['7', '7']);
	// One token per 500 ms: 600 ms later there is one, however late the timer fires (up to 400 ms).
	await sleep(600);
	expect(count(await burst(4), 200)).toBe(1);
});

test('the gate on the system clock gets a batch through a fixed window over real sockets', async () => {
	sb.rateLimit = { rps: 40, shape: 'fixedWindow', retryAfter: 'none' };
	sb.latencyMs = 10;
	const gate = new RateGate();
	const random = prng(3);
	let throttled = 0;
	let failed = 0;
	const item = async () => {
		for (let attempt = 1; ; attempt++) {
			const startedAt = (await gate.acquire())!;
			const { status } = await me();
			if (status !== 429) return gate.accepted(startedAt);
			throttled++;
			gate.throttled(startedAt, undefined);
			if (attempt > 3) return void failed++;
			await systemClock.sleep(backoffDelay(attempt, DEFAULT_BACKOFF, random));
		}
	};
	let next = 0;
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next++ < 70) await item();
		}),
	);
	expect(failed).toBe(0);
	// The first window costs the requests in flight when it runs out and a few probes; after
	// that the gate keeps under the quota.
	expect(throttled).toBeLessThanOrEqual(20);
	expect(sb.requests.filter((r) => r.fault === 'rateLimit')).toHaveLength(throttled);
}, 20_000);
