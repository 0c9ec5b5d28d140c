/**
 * The rate gate's real-clock checks (the slow lane): the sandbox, on the real clock, honours each
 * limiter shape the simulator uses (the same classes decide, with performance.now()); then the
 * gate meets a window over real sockets, judged against a client that knows the limit, on the
 * same sockets in the same run.
 */
import { Slots } from '../../nodes/MercadoPago/transport/accounts';
import type { HttpOutcome } from '../../nodes/MercadoPago/transport/client';
import { RateGate } from '../../nodes/MercadoPago/transport/gate';
import { systemClock } from '../../nodes/MercadoPago/shared/clock';
import { sendThroughGate } from '../../nodes/MercadoPago/transport/throughGate';
import { startSandbox, type Sandbox } from '../sandbox/server';

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

test('the gate gets a batch through a fixed window over real sockets, every item once, within twice what a client that knows the window needs', async () => {
	sb.rateLimit = { rps: 40, shape: 'fixedWindow', retryAfter: 'none' };
	sb.latencyMs = 10;
	const items = 120;
	const asked = async (): Promise<HttpOutcome> => {
		const { status } = await me();
		return { kind: 'response', status, body: undefined, tooDeep: false };
	};
	// A client that knows the window: its quota at the start of each window, then nothing.
	await sleep(1_000 - (performance.now() % 1_000) + 20);
	const knowingStart = performance.now();
	for (let sent = 0; sent < items; sent += 40) {
		await Promise.all(Array.from({ length: 40 }, asked));
		if (sent + 40 < items) await sleep(1_000 - (performance.now() % 1_000) + 20);
	}
	const knowingMs = performance.now() - knowingStart;
	sb.reset();
	sb.latencyMs = 10;
	const account = { gate: new RateGate(), slots: new Slots(16) };
	const start = performance.now();
	let next = 0;
	const outcomes: HttpOutcome[] = [];
	await Promise.all(
		Array.from({ length: 16 }, async () => {
			while (next++ < items) outcomes.push((await sendThroughGate(account, asked, { waitMs: 60_000, clock: systemClock })).outcome);
		}),
	);
	const gateMs = performance.now() - start;
	expect(outcomes.every((o) => o.kind === 'response' && o.status === 200)).toBe(true);
	expect(sb.requests.filter((r) => r.status === 200)).toHaveLength(items);
	expect(gateMs / knowingMs).toBeLessThan(2);
}, 60_000);
