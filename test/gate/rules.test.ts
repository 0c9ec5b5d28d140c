/**
 * The gate's rules one by one, on the fake clock. Each test fails when its rule is removed.
 */
import { getEventListeners } from 'node:events';
import { MAX_TIMER_MS } from '../../nodes/MercadoPago/shared/clock';
import { FixedPace, RateGate } from '../../nodes/MercadoPago/transport/rateGate';
import { FakeClock } from './sim/fakeClock';
import { simulate } from './sim/population';
import { SITUATIONS } from './sim/situations';
import { missedTargets } from './sim/targets';
import { simulateAll } from './sim/worker';

interface Turn {
	at?: number;
	done: boolean;
}

function harness() {
	const clock = new FakeClock();
	const gate = new RateGate({ clock });
	const take = (signal?: AbortSignal): Turn => {
		const turn: Turn = { done: false };
		void gate.acquire(signal).then((at) => {
			turn.at = at;
			turn.done = true;
		});
		return turn;
	};
	const advance = (ms: number) => clock.run(clock.now() + ms);
	return { clock, gate, take, advance };
}

/** A gate that has learnt a limit of 100 req/s (burst 1): paced, near 90-100 req/s. */
async function pacedNear100() {
	const h = harness();
	await simulate({ limit: { rps: 100, burst: 1 }, items: 400, concurrency: 8 }, h.clock, h.gate);
	return h;
}

/** Start times of `n` requests asked for at once. */
async function startsOf(h: ReturnType<typeof harness>, n: number, withinMs = 2_000): Promise<number[]> {
	const turns = Array.from({ length: n }, () => h.take());
	await h.advance(withinMs);
	return turns.map((t) => t.at!);
}

function gaps(starts: number[]): number[] {
	return starts.slice(1).map((s, i) => s - starts[i]);
}

/** The start time of the next request, running the clock until it goes. */
async function nextStart(h: ReturnType<typeof harness>, signal?: AbortSignal): Promise<number> {
	const turn = h.take(signal);
	await h.clock.runWhile(() => !turn.done, h.clock.now() + 120_000);
	return turn.at!;
}

/** Sends the next request and answers it 429 one round trip (25 ms) later; returns its start. */
async function refuse(h: ReturnType<typeof harness>, retryAfterMs: number | undefined): Promise<number> {
	const start = await nextStart(h);
	await h.advance(25);
	h.gate.throttled(start, retryAfterMs);
	return start;
}

/** Puts a paced gate into a hold: a cut, then a 429 for a request sent after it. */
async function holding(h: ReturnType<typeof harness>, retryAfterMs: number | undefined): Promise<number> {
	h.gate.throttled(h.clock.now() - 25, retryAfterMs);
	const probe = await refuse(h, retryAfterMs);
	expect((h.gate as unknown as { holding: boolean }).holding).toBe(true);
	return probe;
}

describe('start', () => {
	test('one request goes first; the rest wait for its answer, then the pace doubles every round trip', async () => {
		const h = harness();
		const turns = Array.from({ length: 20 }, () => h.take());
		await h.advance(20);
		expect(turns.filter((t) => t.done)).toHaveLength(1);
		h.gate.accepted(0);
		await h.advance(5);
		// The answer came at 20 ms: the next request goes then, not a tick later.
		expect(turns[1].at).toBe(20);
		await h.advance(200);
		const starts = turns.map((t) => t.at!);
		// One round trip (20 ms) in, a request per 20 ms; four round trips in, several per ms.
		expect(starts[2] - starts[1]).toBeGreaterThan(10);
		expect(starts[19] - starts[18]).toBeLessThan(3);
	});

	test('with no answer at all, one more request goes every 250 ms', async () => {
		const h = harness();
		const turns = Array.from({ length: 4 }, () => h.take());
		await h.advance(800);
		expect(turns.map((t) => t.at)).toEqual([0, 250, 500, 750]);
	});

	test('a first answer that took seconds (a busy process) still leaves the start at the ticks\' pace', async () => {
		const h = harness();
		const turns = Array.from({ length: 20 }, () => h.take());
		await h.advance(2_000);
		h.gate.accepted(0);
		await h.advance(1_000);
		const inNextSecond = turns.filter((t) => t.done && t.at! >= 2_000 && t.at! < 3_000);
		expect(inNextSecond.length).toBeGreaterThanOrEqual(3);
	});
});

describe('cut', () => {
	test('a 429 slows everyone down, with Retry-After: 0 too', async () => {
		const h = await pacedNear100();
		const before = Math.min(...gaps(await startsOf(h, 10)));
		h.gate.throttled(h.clock.now(), 0);
		h.gate.accepted(h.clock.now()); // the next request is not held: only the pace tells
		const after = Math.min(...gaps(await startsOf(h, 10)));
		expect(after).toBeGreaterThan(before * 1.05);
	});

	test('429s for requests sent before the cut do not cut again', async () => {
		const h = await pacedNear100();
		const sentEarlier = h.clock.now() - 5;
		h.gate.throttled(h.clock.now(), undefined);
		const once = gaps(await startsOf(h, 6));
		h.gate.accepted(h.clock.now());
		for (let i = 0; i < 8; i++) h.gate.throttled(sentEarlier, undefined);
		const still = gaps(await startsOf(h, 6));
		expect(Math.min(...still)).toBeLessThanOrEqual(Math.max(...once) + 1e-9);
	});

	test('a cut never goes below half, however many 429s came before it', async () => {
		const h = await pacedNear100();
		const before = Math.min(...gaps(await startsOf(h, 6)));
		for (let i = 0; i < 16; i++) h.gate.throttled(h.clock.now() - 1_000, undefined); // ring full of 429s
		h.gate.throttled(h.clock.now(), undefined);
		h.gate.accepted(h.clock.now());
		const after = Math.max(...gaps(await startsOf(h, 6)));
		expect(after).toBeLessThanOrEqual(before * 2.3);
	});
});

describe('hold', () => {
	test('a 429 right after a cut, with nothing accepted since, lets one probe through at a time', async () => {
		const h = await pacedNear100();
		await holding(h, undefined);
		const turns = Array.from({ length: 5 }, () => h.take());
		await h.advance(90);
		// The probe went; its answer is not back; nobody else may go yet.
		expect(turns.filter((t) => t.done)).toHaveLength(1);
	});

	test('without an answer, the next probe waits four round trips', async () => {
		const h = await pacedNear100();
		await holding(h, undefined);
		const first = await nextStart(h);
		const second = await nextStart(h);
		expect(second - first).toBeGreaterThanOrEqual(4 * 25 - 1);
	});

	test('refused probes are spaced 1, 2, 4... round trips up to 1 s; Retry-After 0 changes nothing', async () => {
		for (const retryAfter of [undefined, 0]) {
			const h = await pacedNear100();
			await holding(h, retryAfter);
			// Callers wait in the queue all along, as they do in a batch: the pump is asleep
			// when each refusal comes.
			const waiting = Array.from({ length: 9 }, () => h.take());
			const starts: number[] = [];
			for (const turn of waiting) {
				await h.clock.runWhile(() => !turn.done, h.clock.now() + 10_000);
				starts.push(turn.at!);
				await h.advance(25);
				h.gate.throttled(turn.at!, retryAfter);
			}
			// Each gap is the answer's round trip (25 ms) plus the probe delay.
			const delays = gaps(starts).map((g) => g - 25);
			// The first probe waited a round trip (25 ms); each refusal doubles that at once.
			expect(delays[0]).toBeCloseTo(50, 6);
			for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeCloseTo(Math.min(1_000, delays[i - 1] * 2), 1);
			expect(Math.max(...delays)).toBeCloseTo(1_000, 1);
		}
	});

	test('the first accepted probe ends the hold for everyone at once', async () => {
		const h = await pacedNear100();
		await holding(h, undefined);
		const probe = await nextStart(h);
		const waiting = Array.from({ length: 3 }, () => h.take());
		await h.advance(25);
		h.gate.accepted(probe);
		await h.advance(40);
		expect(waiting.every((t) => t.done)).toBe(true);
	});

	test('Retry-After is advice: 5 s from a limiter that refills in 10 ms costs one short probe, not 5 s', async () => {
		const h = await pacedNear100();
		const refused = await holding(h, 5_000);
		expect((await nextStart(h)) - refused).toBeLessThan(100);
	});

	test('a hold measures the last stretch of a long cycle too: a limit that rose is not averaged with the one before', async () => {
		// 4 s at 50 req/s, then 100: the first hold after the lift ends a cycle that began at 50.
		// Every draw of the retries' backoff meets the targets after the lift.
		const lift = SITUATIONS.find((s) => s.label === '50 -> 100 req/s, burst 10, c16')!;
		const outcomes = await simulateAll(Array.from({ length: 8 }, (_, i) => ({ ...lift.scenario, seed: i + 1 })));
		for (const o of outcomes) expect(missedTargets(o, lift.ideal(o, 0), lift)).toEqual([]);
	}, 60_000);

	test('an honest Retry-After is met: a probe goes when it said, not a doubling later', async () => {
		const h = await pacedNear100();
		const reopens = h.clock.now() + 3_000;
		await holding(h, reopens - h.clock.now());
		let probe = await nextStart(h);
		while (probe < reopens) {
			await h.advance(25);
			h.gate.throttled(probe, reopens - h.clock.now());
			probe = await nextStart(h);
		}
		expect(probe).toBeCloseTo(reopens, 6);
	});

	test('a Retry-After short of the truth costs at most half of it per probe', async () => {
		const h = await pacedNear100();
		await holding(h, 5_000);
		const starts: number[] = [];
		for (let i = 0; i < 10; i++) starts.push(await refuse(h, 5_000));
		expect(Math.max(...gaps(starts))).toBeLessThanOrEqual(2_500 + 25 + 1e-6);
	});

	test('no wait ever exceeds what a timer can hold, whatever Retry-After says', async () => {
		for (const retryAfter of [1e15, Infinity, Number.NaN, -5, Number.MAX_SAFE_INTEGER]) {
			const h = await pacedNear100();
			await holding(h, retryAfter);
			for (let i = 0; i < 45; i++) await refuse(h, retryAfter);
			expect(h.clock.longestSleepMs).toBeLessThanOrEqual(60_000);
			expect(h.clock.longestSleepMs).toBeLessThanOrEqual(MAX_TIMER_MS);
		}
	});
});

describe('round trips', () => {
	test('the round trip is learnt from every answer, not only the first', async () => {
		const h = harness();
		const first = await nextStart(h);
		await h.advance(400); // a first answer slowed by the connection's handshake
		h.gate.accepted(first);
		await simulate({ limit: { rps: 100, burst: 1 }, items: 400, concurrency: 8 }, h.clock, h.gate);
		const refused = await holding(h, undefined);
		expect((await nextStart(h)) - refused).toBeLessThan(60);
	});

	test('answers that come back at once still count as answers', async () => {
		const run = await simulate({ items: 200, concurrency: 8, latencyMs: 0 });
		expect(run.succeeded).toBe(200);
		expect(run.wallMs).toBeLessThan(1_000);
	});
});

describe('climb', () => {
	test('the pace grows only up to twice what callers use', async () => {
		const h = await pacedNear100();
		// 30 s of one request every 100 ms, all accepted: 10 req/s used.
		for (let i = 0; i < 300; i++) {
			const [start] = await startsOf(h, 1, 1);
			await h.advance(25);
			h.gate.accepted(start);
			await h.advance(75);
		}
		const burst = await startsOf(h, 20);
		expect(burst[19] - burst[0]).toBeGreaterThan(100);
	});
});

describe('climb at slow paces', () => {
	test('back at the last 429\'s pace after what 2 s bring, not 60 answers: a lifted limit of 2 req/s is left in seconds', async () => {
		const o = await simulate({ limit: { rps: 2, burst: 1 }, items: 200, concurrency: 8, changes: [{ atMs: 20_000, limit: undefined }] });
		expect(o.failed).toBe(0);
		// At 2 req/s, 60 answers would keep the pace there for another 30 s.
		expect(o.wallMs - 20_000).toBeLessThan(15_000);
	});
});

describe('floor', () => {
	test('however often the limiter lets one through and refuses the rest, requests keep going', async () => {
		const h = await pacedNear100();
		for (let i = 0; i < 40; i++) {
			await refuse(h, undefined); // a cut
			await refuse(h, undefined); // a hold
			const probe = await nextStart(h);
			await h.advance(25);
			h.gate.accepted(probe);
		}
		const [a, b] = await startsOf(h, 2, 10_000);
		expect(b - a).toBeLessThanOrEqual(2_000);
		// ... and when the limiter lets everything through again, the pace climbs back.
		await simulate({ items: 300, concurrency: 4 }, h.clock, h.gate);
		const later = gaps(await startsOf(h, 6, 2_000));
		expect(Math.max(...later)).toBeLessThan(200);
	}, 30_000);
});

describe('callers', () => {
	test('stopping one caller releases only that caller, and takes its listener away', async () => {
		const h = await pacedNear100();
		const stops = [new AbortController(), new AbortController(), new AbortController()];
		const turns = stops.map((s) => h.take(s.signal));
		await h.advance(0);
		const firstDone = turns[0].done;
		stops[1].abort();
		await h.advance(1_000);
		expect(turns[1]).toEqual({ at: undefined, done: true });
		expect(turns[0].done || firstDone).toBe(true);
		// The third takes the second's turn: the stopped caller used no slot.
		const alone = await startsOf(h, 2);
		expect(turns[2].at! - turns[0].at!).toBeLessThan(1.5 * (alone[1] - alone[0]));
		for (const stop of stops) expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
	});

	test('when the last waiter leaves, the gate keeps no timer', async () => {
		const h = await pacedNear100();
		await holding(h, 30_000);
		const stop = new AbortController();
		const turns = [h.take(), h.take(stop.signal)];
		await h.advance(50);
		expect(turns[0].done).toBe(true);
		stop.abort();
		await h.advance(0);
		expect(h.clock.live).toBe(0);
	});

	test('stopping one of several executions sharing the gate stops only that one', async () => {
		const run = await simulate({
			limit: { rps: 100, burst: 10 },
			items: 200,
			executions: 4,
			stops: [{ execution: 2, atMs: 1_000 }],
		});
		expect(run.failed).toBe(0);
		expect(run.cancelled).toBeGreaterThan(0);
		expect(run.succeeded + run.cancelled).toBe(800);
		// The three others did all their items; the stopped one ended at its Stop.
		expect(run.succeeded).toBeGreaterThanOrEqual(600);
		expect(run.executionWallMs[2]).toBeLessThan(1_100);
	});

	test('an aborted signal gets no turn', async () => {
		const h = harness();
		const stop = new AbortController();
		stop.abort();
		expect(await h.gate.acquire(stop.signal)).toBeUndefined();
	});
});

describe('background 429s', () => {
	test('a first answer that is a 429 does not slow the start: a limiter lets the first request through', async () => {
		const h = harness();
		const first = await nextStart(h);
		await h.advance(25);
		h.gate.throttled(first, undefined);
		// The start goes on doubling from one request per round trip, as after an accepted answer.
		const starts = await startsOf(h, 12, 300);
		expect(starts[11] - starts[10]).toBeLessThan(5);
	});

	test('429s that come whatever the pace are learnt as background', async () => {
		const h = harness();
		await simulate({ items: 800, concurrency: 16, maxRetries: 10, noise: { share: 0.3, retryAfterSeconds: 0, seed: 11 } }, h.clock, h.gate);
		expect((h.gate as unknown as { background: number }).background).toBeGreaterThan(0.1);
	});

	test('the background fades when the 429s stop: a limiter is then obeyed as before', async () => {
		const h = harness();
		await simulate(
			{ limit: { rps: 100, burst: 10 }, items: 15_000, concurrency: 16, maxRetries: 10, noise: { share: 0.3, retryAfterSeconds: 0, seed: 11, untilMs: 15_000 } },
			h.clock,
			h.gate,
		);
		expect((h.gate as unknown as { background: number }).background).toBe(0);
	});
});

describe('memory', () => {
	test('what the gate holds does not grow with the number of calls', async () => {
		const runs = await simulateAll(
			[1_000, 50_000].map((items) => ({ limit: { rps: 2_000, burst: 20 }, items, concurrency: 16, latencyMs: 5 })),
		);
		// Each request is two calls (acquire, then accepted or throttled): over 10^5 in all.
		expect(runs[1].requests).toBeGreaterThan(50_000);
		expect(runs[1].gateFootprint).toBe(runs[0].gateFootprint);
	}, 60_000);
});

describe('FixedPace', () => {
	test('spaces requests from the first one', async () => {
		const clock = new FakeClock();
		const pace = new FixedPace(10, clock);
		const times: number[] = [];
		for (let i = 0; i < 4; i++) void pace.acquire().then(() => times.push(clock.now()));
		await clock.run();
		expect(times).toEqual([0, 100, 200, 300]);
	});

	test('a stopped execution stops waiting', async () => {
		const clock = new FakeClock();
		const pace = new FixedPace(1, clock);
		const stop = new AbortController();
		expect(await pace.acquire(stop.signal)).toBe(true);
		const second = pace.acquire(stop.signal);
		stop.abort();
		expect(await second).toBe(false);
		expect(await pace.acquire(stop.signal)).toBe(false);
		expect(await new FixedPace(1, clock).acquire(stop.signal)).toBe(false);
	});

	test('refuses a pace that is not a positive number', () => {
		for (const bad of [0, -1, Number.NaN]) expect(() => new FixedPace(bad)).toThrow(RangeError);
	});
});
