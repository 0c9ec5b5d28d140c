import { DEFAULT_RATE_GATE, RateGate } from '../../nodes/MercadoPago/transport/rateGate';

/** A clock the test moves by hand; `acquire` only sleeps when a slot lies in the future. */
function gateAt(options: Partial<typeof DEFAULT_RATE_GATE> & { maxPerSecond?: number } = {}) {
	const clock = { t: 1_000_000 };
	const gate = new RateGate({ ...DEFAULT_RATE_GATE, ...options, now: () => clock.t });
	return { clock, gate };
}

describe('RateGate', () => {
	it('lets everything through at once until Mercado Pago says 429', async () => {
		const { gate, clock } = gateAt();
		for (let i = 0; i < 100; i++) expect(await gate.acquire()).toBe(clock.t);
	});

	it('after a 429, pauses everyone for Retry-After, then paces at what was accepted in the last second', async () => {
		const { gate, clock } = gateAt();
		for (let i = 0; i < 50; i++) gate.accepted();
		gate.throttled(clock.t, 200);
		const pending = gate.acquire();
		clock.t += 200; // the pause lies in the future: the first request waits for it
		expect(await pending).toBe(1_000_200);
		// 50 accepted in the last second: the next slots are 20 ms apart.
		const next = gate.acquire();
		clock.t += 20;
		expect(await next).toBe(1_000_220);
	});

	it('429s from requests sent before the last one extend the pause but do not cut the pace again', () => {
		const { gate, clock } = gateAt();
		for (let i = 0; i < 40; i++) gate.accepted();
		const sentEarlier = clock.t;
		clock.t += 5;
		gate.throttled(clock.t, 1_000);
		const pace = (gate as unknown as { throttledPace: number }).throttledPace;
		for (let i = 0; i < 8; i++) gate.throttled(sentEarlier, 1_000);
		expect((gate as unknown as { throttledPace: number }).throttledPace).toBe(pace);
	});

	it('a 429 with nothing accepted halves the pace, never below one per second', () => {
		const { gate, clock } = gateAt();
		for (let i = 0; i < 40; i++) gate.accepted();
		gate.throttled(clock.t, 0);
		clock.t += 5_000; // nothing accepted in the last second any more
		const pace = (gate as unknown as { pace(at: number): number }).pace(clock.t);
		gate.throttled(clock.t, 0);
		expect((gate as unknown as { throttledPace: number }).throttledPace).toBeCloseTo(pace / 2);
	});

	it('recovers with every calm second', () => {
		const { gate, clock } = gateAt();
		for (let i = 0; i < 100; i++) gate.accepted();
		gate.throttled(clock.t, 0);
		const pace = (at: number) => (gate as unknown as { pace(at: number): number }).pace(at);
		expect(pace(clock.t)).toBe(100);
		expect(pace(clock.t + 1_000)).toBeCloseTo(100 * 1.1 + 5);
		expect(pace(clock.t + 10_000)).toBeGreaterThan(300);
	});

	it('Max Requests per Second spaces requests from the first one', async () => {
		const { gate, clock } = gateAt({ maxPerSecond: 10 });
		expect(await gate.acquire()).toBe(clock.t);
		const second = gate.acquire();
		clock.t += 100;
		expect(await second).toBe(1_000_100);
	});

	it('gives up waiting when the execution is stopped', async () => {
		const { gate, clock } = gateAt();
		gate.throttled(clock.t, 60_000);
		const stop = new AbortController();
		const waiting = gate.acquire(stop.signal);
		stop.abort();
		expect(await waiting).toBeUndefined();
	});
});
