/**
 * Numbers that cannot break: whatever the clock, the idle time and the answers, every wait the
 * gate asks for is finite and not negative, the timer never spins, and every caller is let go
 * or aborted. Observed from outside: the waits the gate asks of the clock, and the turns.
 */
import type { Clock } from '../../nodes/MercadoPago/shared/clock';
import { RateGate } from '../../nodes/MercadoPago/transport/gate';
import { prng } from '../sandbox/faults';
import { FakeClock } from './sim/fakeClock';

/** A fake clock that records every wait asked of it. */
function recording(start: number) {
	const fake = new FakeClock(start);
	const sleeps: number[] = [];
	const clock: Clock = { now: () => fake.now(), sleep: (ms, signal) => (sleeps.push(ms), fake.sleep(ms, signal)) };
	return { fake, clock, sleeps };
}

const ADVICE = [undefined, 0, 1_000, 5_000, 3_600_000, Number.NaN, Infinity, -5, 1e-9];
const ROUND_TRIPS = [0, 0.001, 1, 25, 400, 30_000];

test.each(Array.from({ length: 40 }, (_, i) => i + 1))('random answers, round trips, idle times, stops and clock jumps: seed %i', async (seed) => {
	const draw = prng(seed);
	const pick = <T>(xs: T[]) => xs[Math.floor(draw() * xs.length)];
	const { fake, clock, sleeps } = recording(draw() * 1e9);
	const gate = new RateGate({ clock });
	let finished = 0;
	let releases = 0;
	const callers = 1 + Math.floor(draw() * 20);
	const caller = async () => {
		for (let k = 0; k < 60; k++) {
			// Now and then a quiet spell, up to a day.
			if (draw() < 0.05) await fake.sleep(draw() * 86_400_000);
			const stop = new AbortController();
			if (draw() < 0.05) void fake.sleep(draw() * 1_000).then(() => stop.abort());
			const askedAt = fake.now();
			const at = await gate.acquire(stop.signal, draw() < 0.3);
			if (at === undefined) continue;
			releases++;
			expect(Number.isFinite(at)).toBe(true);
			expect(at).toBeGreaterThanOrEqual(askedAt);
			await fake.sleep(pick(ROUND_TRIPS));
			const r = draw();
			if (r < 0.5) gate.accepted(at);
			else if (r < 0.9) gate.throttled(at, pick(ADVICE));
			// Otherwise no answer: a timeout or a dropped connection tells the gate nothing.
		}
		finished++;
	};
	void Promise.all(Array.from({ length: callers }, caller));
	// Runs until no timer is left: a caller still waiting then would wait forever.
	await fake.run();
	expect(finished).toBe(callers);
	expect(sleeps.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
	// No spinning: a handful of waits per request at most.
	expect(sleeps.length).toBeLessThan(10 * (releases + callers * 60) + 100);
}, 30_000);

test('a first 429 after thousands of round trips with few requests released leaves the pace finite: requests keep going, spaced, and the timer does not spin', async () => {
	const { fake, clock, sleeps } = recording(0);
	const gate = new RateGate({ clock });
	// A trickle keeps the account open: one request at a time, 2,000 round trips.
	let trickled = false;
	void (async () => {
		for (let i = 0; i < 2_000; i++) {
			const at = (await gate.acquire())!;
			await fake.sleep(25);
			gate.accepted(at);
		}
		trickled = true;
	})();
	await fake.runWhile(() => !trickled);
	const before = sleeps.length;
	const starts: number[] = [];
	let first = true;
	const caller = async () => {
		while (starts.length < 200) {
			const at = (await gate.acquire())!;
			starts.push(at);
			await fake.sleep(25);
			if (first) gate.throttled(at, undefined);
			else gate.accepted(at);
			first = false;
		}
	};
	void Promise.all(Array.from({ length: 16 }, caller));
	await fake.run(fake.now() + 30_000);
	expect(starts.length).toBeGreaterThanOrEqual(200);
	expect(sleeps.slice(before).every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
	expect(sleeps.length - before).toBeLessThan(2_000);
});
