/**
 * The window policy (transport/gate/policies/window.ts and cycle.ts), rule by rule, through the
 * gate's public interface on the fake clock, against the sandbox's limiters.
 */
import { createLimiter } from '../sandbox/rateLimiter';
import type { RateLimitOptions } from '../sandbox/types';
import { GateHarness, RTT, rateBetween } from './harness';

interface Answered {
	at: number;
	ok: boolean;
}

/** 16 callers against a limiter for `ms`; every request with its verdict. */
async function against(limit: RateLimitOptions, ms: number, h = new GateHarness()): Promise<Answered[]> {
	const options = { ...limit };
	const limiter = createLimiter(options, 0);
	const answered: Answered[] = [];
	await h.run(16, ms, (at) => {
		const verdict = limiter.take(at);
		answered.push({ at, ok: verdict.ok });
		if (verdict.ok) return true;
		return verdict.retryAfterSeconds === undefined ? false : { retryAfterMs: verdict.retryAfterSeconds * 1000 };
	});
	return answered;
}

const inSpan = (xs: Answered[], from: number, to: number) => xs.filter((x) => x.at >= from && x.at < to);

test('a window that ran out: everyone waits and one probe at a time finds it open again', async () => {
	const answered = await against({ rps: 5, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 'none' }, 14_000);
	const firstRefused = answered.find((x) => !x.ok)!.at;
	const closed = inSpan(answered, firstRefused + 2 * RTT, 10_000);
	// Probes, later and later, one at a time.
	expect(closed.length).toBeGreaterThan(3);
	expect(closed.length).toBeLessThan(25);
	for (let i = 1; i < closed.length; i++) expect(closed[i].at - closed[i - 1].at).toBeGreaterThanOrEqual(RTT);
	// Found within 30 % of the time it stayed closed.
	const reopened = answered.find((x) => x.at >= 10_000 && x.ok)!.at;
	expect(reopened - 10_000).toBeLessThan(0.3 * 10_000);
});

test('a 429 holds the next request until the next answer or a round trip: a window that ran out costs the requests in flight', async () => {
	const answered = await against({ rps: 100, shape: 'fixedWindow', windowMs: 10_000, retryAfter: 'none' }, 2_000);
	const firstRefusedAnswer = answered.find((x) => !x.ok)!.at + RTT;
	// 16 were in flight when the first 429 came back; hardly anything after it.
	expect(answered.filter((x) => !x.ok && x.at < firstRefusedAnswer).length).toBeLessThanOrEqual(16);
	expect(inSpan(answered, firstRefusedAnswer, firstRefusedAnswer + 200).length).toBeLessThanOrEqual(3);
});

test('a learnt window: the next quota goes at once when it reopens, then everyone waits for the predicted reopening', async () => {
	const answered = await against({ rps: 5, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 'none' }, 125_000);
	// From the third cycle on, only the probes that narrow the bracket or try beyond the quota
	// meet a 429 (about one cycle in two), not the quota's last request each cycle.
	expect(inSpan(answered, 25_000, 125_000).filter((x) => !x.ok).length).toBeLessThanOrEqual(8);
	// Each cycle's quota goes within half a second of its first request.
	const cycle = inSpan(answered, 30_000, 40_000).filter((x) => x.ok);
	expect(cycle).toHaveLength(50);
	expect(cycle[49].at - cycle[0].at).toBeLessThan(500);
});

test('the reopening is bracketed cycle after cycle: a fixed window is met closer and closer to its reset', async () => {
	const answered = await against({ rps: 20, shape: 'fixedWindow', windowMs: 10_000, retryAfter: 'none' }, 90_000);
	const lateness = (reset: number) => answered.find((x) => x.at >= reset && x.ok)!.at - reset;
	expect(lateness(80_000)).toBeLessThan(1_000);
	expect(lateness(80_000)).toBeLessThanOrEqual(lateness(10_000));
});

test('now and then one request beyond the quota: a raised quota is found', async () => {
	const limit: RateLimitOptions = { rps: 5, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 'none' };
	const h = new GateHarness();
	const options = { ...limit };
	const limiter = createLimiter(options, 0);
	const answered: Answered[] = [];
	void h.clock.sleep(30_000).then(() => (options.rps = 10));
	await h.run(16, 120_000, (at) => {
		const ok = limiter.take(at).ok;
		answered.push({ at, ok });
		return ok;
	});
	const accepted = (from: number) => inSpan(answered, from, from + 10_000).filter((x) => x.ok).length;
	expect(accepted(100_000)).toBeGreaterThanOrEqual(90);
});

test('a cycle of one request is a rate, not a window: the pace is told it', async () => {
	const answered = await against({ rps: 5, burst: 1, retryAfter: 1 }, 40_000);
	const starts = answered.map((x) => x.at);
	expect(rateBetween(starts, 20_000, 40_000)).toBeGreaterThan(3.5);
	expect(inSpan(answered, 10_000, 40_000).filter((x) => !x.ok).length).toBeLessThanOrEqual(5);
});

test('one probe at a time: the next goes only when the last one\'s answer is four round trips late', async () => {
	const h = new GateHarness();
	await h.send(true);
	// Four 429s in a row: the limiter refuses everything.
	const refused: number[] = [];
	for (let i = 0; i < 4; i++) refused.push(await h.turn());
	for (const at of refused) h.gate.throttled(at, undefined);
	const probe = await h.turn();
	// Its answer never comes (a timeout says nothing to the gate).
	const next = await h.turn();
	expect(next - probe).toBeGreaterThanOrEqual(4 * RTT);
});

test('a learnt window frees its quota as the last cycle spent it: a sliding window is met one request at a time', async () => {
	const h = new GateHarness();
	const limiter = createLimiter({ rps: 1, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 'none' }, 0);
	const answered: Answered[] = [];
	const answer = (at: number) => {
		const ok = limiter.take(at).ok;
		answered.push({ at, ok });
		return ok;
	};
	// One caller spends the quota of 10 one per second, as a slow start or a trickle of webhooks does.
	for (let i = 0; i < 10; i++) {
		const at = await h.turn();
		await h.advance(RTT);
		expect(answer(at)).toBe(true);
		h.gate.accepted(at);
		await h.advance(1_000 - RTT - (h.clock.now() - at));
	}
	await h.run(16, 60_000, answer);
	// The window slides one request at a time: each cycle sends its quota at that pace, not all at
	// once into 429s, and the window's rate (one a second) is kept.
	const window = inSpan(answered, 20_000, 70_000);
	expect(window.filter((x) => x.ok).length).toBeGreaterThanOrEqual(45);
	expect(window.filter((x) => !x.ok).length).toBeLessThanOrEqual(3);
});

test('a window\'s cycle cut short (another client spent most of its quota) tells no rate: the next cycle sends its quota again', async () => {
	const h = new GateHarness();
	const limiter = createLimiter({ rps: 5, shape: 'fixedWindow', windowMs: 10_000, retryAfter: 'none' }, 0);
	const answered: Answered[] = [];
	void h.clock.sleep(30_000).then(() => {
		for (let i = 0; i < 45; i++) limiter.take(h.clock.now());
	});
	await h.run(16, 60_000, (at) => {
		const ok = limiter.take(at).ok;
		answered.push({ at, ok });
		return ok;
	});
	expect(inSpan(answered, 30_000, 40_000).filter((x) => x.ok).length).toBeLessThanOrEqual(5);
	expect(inSpan(answered, 40_000, 50_000).filter((x) => x.ok).length).toBeGreaterThanOrEqual(45);
});

test('in a learnt window a lone 429 (the window moved a little) does not cut the pace', async () => {
	const h = new GateHarness();
	const limiter = createLimiter({ rps: 100, shape: 'slidingWindow', windowMs: 1_000, retryAfter: 1 }, 0);
	const answered: Answered[] = [];
	// Another client takes one request now and then.
	for (let t = 3_050; t < 8_000; t += 1_000) void h.clock.sleep(t).then(() => limiter.take(h.clock.now()));
	await h.run(16, 10_000, (at) => {
		const ok = limiter.take(at).ok;
		answered.push({ at, ok });
		return ok;
	});
	// Each second the window's 100, less the other client's one.
	for (let from = 3_000; from < 9_000; from += 1_000) expect(inSpan(answered, from, from + 1_000).filter((x) => x.ok).length).toBeGreaterThanOrEqual(95);
});
