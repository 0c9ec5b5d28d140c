/**
 * The pace (transport/gate/pace.ts), rule by rule, through the gate's public interface on the
 * fake clock. Each test fails when its rule is taken out.
 */
import { createLimiter } from '../sandbox/rateLimiter';
import { GateHarness, RTT, rateBetween } from './harness';

/** Start times of the releases after `from`, as the gaps between them. */
function gapsAfter(starts: number[], from: number, n: number): number[] {
	const after = starts.filter((at) => at >= from).slice(0, n + 1);
	return after.slice(1).map((at, i) => at - after[i]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('start: one request goes, then one per 250 ms until an answer tells the round trip', async () => {
	const h = new GateHarness();
	const turns = Array.from({ length: 5 }, () => h.take());
	await h.advance(249);
	expect(turns.filter((t) => t.done)).toHaveLength(1);
	await h.advance(2);
	expect(turns.filter((t) => t.done)).toHaveLength(2);
	expect(turns[1].at).toBe(250);
});

test('slow start: from one per round trip, the pace doubles every round trip while callers wait', async () => {
	const h = new GateHarness();
	const starts = await h.run(200, 8 * RTT, () => true);
	// Doubling from one per round trip: 1 + 2 + 4 + ... 128 in eight round trips; at one per round trip, 8.
	expect(starts.length).toBeGreaterThanOrEqual(64);
});

test('the pace grows only while callers wait for it: a trickle of 5,000 round trips does not make it run away', async () => {
	const h = new GateHarness();
	for (let i = 0; i < 5_000; i++) await h.send(true);
	const burst = Array.from({ length: 64 }, () => h.take());
	await h.advance(RTT);
	expect(burst.filter((t) => t.done).length).toBeLessThanOrEqual(4);
});

test('a lone caller the pace holds back makes it grow: a slow first answer does not pace the rest', async () => {
	const h = new GateHarness();
	await h.send(true, undefined, 100);
	for (let i = 0; i < 100; i++) await h.send(true);
	const from = h.clock.now();
	for (let i = 0; i < 100; i++) await h.send(true);
	// One round trip each, as the caller allows, not one per 100 ms as the first answer took.
	expect(h.clock.now() - from).toBeLessThan(100 * RTT * 1.2);
});

test('a 429 cuts the pace to 0.8 times the share the limiter accepted at the pace its request left at', async () => {
	const h = new GateHarness();
	const bucket = createLimiter({ rps: 100, burst: 1 }, 0);
	// A bucket teaches about 100 req/s; lifted at 3 s, the pace climbs past it; at 5 s one 429.
	let refused = -1;
	const starts = await h.run(16, 6_000, (at) => {
		if (at < 3_000) return bucket.take(at).ok;
		if (refused < 0 && at >= 5_000) refused = at;
		return at !== refused;
	});
	const before = median(gapsAfter(starts, refused + RTT - 40, 10));
	const after = median(gapsAfter(starts, refused + RTT + 5, 10));
	// None of the last 16 answers refused but this one: 0.8 x 15/16.
	expect(before / after).toBeGreaterThan(0.65);
	expect(before / after).toBeLessThan(0.85);
});

test('one cut per round: the 429s of requests sent before the cut do not cut again', async () => {
	const h = new GateHarness();
	// Every other request sent in [300, 312) refused: four 429s of one round.
	let sent = 0;
	const refused: number[] = [];
	const starts = await h.run(16, 500, (at) => {
		if (at >= 300 && at < 312 && sent++ % 2 === 0) refused.push(at);
		return !refused.includes(at);
	});
	const before = median(gapsAfter(starts, refused[0] + RTT - 40, 10));
	const after = median(gapsAfter(starts, refused[refused.length - 1] + RTT + 5, 10));
	// One cut: 0.8 x 15/16 of the pace; one per 429 would end at 0.8 x 12/16.
	expect(before / after).toBeGreaterThan(0.78);
});

test('the climb: back at the last 429s pace after 120 accepted answers, flat near it, then beyond it', async () => {
	const h = new GateHarness();
	const options = { rps: 100, burst: 1 };
	const bucket = createLimiter(options, 0);
	// A bucket teaches 100 req/s, then lifts: the pace climbs back, then beyond.
	let lifted = false;
	const starts = await h.run(16, 14_000, (at) => lifted || bucket.take(at).ok, RTT);
	void starts;
	const h2 = new GateHarness();
	const bucket2 = createLimiter(options, 0);
	const starts2 = await h2.run(16, 6_000, (at) => (at < 3_000 ? bucket2.take(at).ok : true));
	lifted = true;
	const learnt = rateBetween(starts2, 2_000, 3_000);
	expect(learnt).toBeGreaterThan(70);
	expect(learnt).toBeLessThanOrEqual(105);
	// 120 answers at about 100/s: near the ceiling, not far above it, for a while...
	expect(rateBetween(starts2, 3_000, 3_800)).toBeLessThan(1.25 * learnt);
	// ... then beyond it.
	expect(rateBetween(starts2, 5_000, 6_000)).toBeGreaterThan(1.5 * learnt);
});

test('nothing accepted yet: a 429 tells no pace, and the start goes on', async () => {
	const cut = new GateHarness();
	let first = true;
	const startsAfterFirst429 = await cut.run(16, 200, () => {
		const ok = !first;
		first = false;
		return ok;
	});
	const plain = new GateHarness();
	const startsAllOk = await plain.run(16, 200, () => true);
	// The 429 costs a round trip's wait, not the start's doubling.
	expect(startsAfterFirst429.length).toBeGreaterThanOrEqual(0.6 * startsAllOk.length);
});

test('below the last 429s pace a lone 429 does not cut: more 429s would show a limit that fell', async () => {
	const h = new GateHarness();
	let lone = -1;
	const starts = await h.run(16, 3_000, (at) => {
		// A cut at 300 ms, then, while the pace climbs back, one lone 429.
		if (at >= 300 && at < 302) return false;
		if (lone < 0 && at >= 1_000) lone = at;
		return at !== lone;
	});
	const before = median(gapsAfter(starts, lone + RTT - 40, 10));
	const after = median(gapsAfter(starts, lone + RTT + 5, 10));
	expect(after).toBeLessThanOrEqual(before * 1.05);
});

test('a quiet minute is not measured as a rate: the first 429 after it cuts from the pace learnt', async () => {
	const h = new GateHarness();
	const options = { rps: 100, burst: 10 };
	const bucket = createLimiter(options, 0);
	const first = await h.run(16, 5_000, (at) => bucket.take(at).ok);
	const learnt = rateBetween(first, 4_000, 5_000);
	await h.advance(60_000);
	const t0 = h.clock.now();
	const second = await h.run(16, 3_000, (at) => bucket.take(at).ok);
	expect(rateBetween(second, t0 + 1_000, t0 + 3_000)).toBeGreaterThan(0.7 * learnt);
});
