/** The background policy (transport/gate/policies/background.ts): 429s that come whatever the pace, on the fake clock. */
import { prng } from '../sandbox/faults';
import { createLimiter } from '../sandbox/rateLimiter';
import { GateHarness, rateBetween } from './harness';

/** A bucket of 100 req/s behind a gateway that refuses `share` of what it lets through until `untilMs`. */
async function behindFlakyGateway(share: number, untilMs: number, ms: number) {
	const h = new GateHarness();
	const bucket = createLimiter({ rps: 100, burst: 10 }, 0);
	const draw = prng(5);
	const answered: { at: number; ok: boolean }[] = [];
	await h.run(16, ms, (at) => {
		let ok = bucket.take(at).ok;
		if (ok && at < untilMs && draw() < share) ok = false;
		answered.push({ at, ok });
		return ok;
	});
	return answered;
}

test('lone 429s at a steady share, sent below the pace of the last 429: the background; the cuts it caused are undone', async () => {
	const answered = await behindFlakyGateway(0.1, Infinity, 30_000);
	// Cutting for each of them takes the pace to about 1 req/s; the background keeps it off the floor
	// (at best 90 accepted per second: see docs/rate-gate.md for what it reaches).
	const accepted = answered.filter((x) => x.ok).map((x) => x.at);
	expect(rateBetween(accepted, 10_000, 30_000)).toBeGreaterThan(8);
});

test('a gateway that heals takes the background back to nothing: the limiter\'s 429s are heard again', async () => {
	const answered = await behindFlakyGateway(0.1, 10_000, 40_000);
	const late = answered.filter((x) => x.at >= 25_000);
	expect(late.filter((x) => !x.ok).length / late.length).toBeLessThan(0.03);
});
