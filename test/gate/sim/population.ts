/**
 * Simulated callers of one shared RateGate: executions of N items, each with its own
 * concurrency bound, its own Stop and the node's retry loop, against a simulated limiter,
 * all on a FakeClock. Nothing here opens a socket.
 */
import { FixedPace, RateGate } from '../../../nodes/MercadoPago/transport/rateGate';
import { DEFAULT_BACKOFF, backoffDelay } from '../../../nodes/MercadoPago/retry/backoff';
import { prng } from '../../sandbox/faults';
import { createLimiter, type Limiter, type Verdict } from '../../sandbox/rateLimiter';
import type { RateLimitOptions } from '../../sandbox/types';
import { setMaxListeners } from 'node:events';
import type { Clock } from '../../../nodes/MercadoPago/shared/clock';
import { FakeClock } from './fakeClock';

export interface Scenario {
	/** The limiter; undefined: none. */
	limit?: RateLimitOptions;
	/** Items per execution. */
	items: number;
	/** Executions, each with `items` items (default 1)... */
	executions?: number;
	/** ... started at these times, ms (default: all at once). */
	startsMs?: number[];
	/** Items in flight per execution (default 8, the node's default). */
	concurrency?: number;
	/** Time from sending a request to its answer, ms (default 25). */
	latencyMs?: number;
	/**
	 * Requests reach the limiter up to this long after they were sent, ms, drawn at random (as
	 * sockets and event loops delay them); the answer still comes `latencyMs` after sending.
	 */
	jitterMs?: number;
	/** The gate's timers fire up to this late, after rounding up to a whole ms, as Node's do. */
	timerLateMs?: number;
	maxRetries?: number;
	/** The user's known cap per execution (Max Requests per Second). */
	fixedPerSecond?: number;
	/** Limit changes mid-run: same shape, new fields (state kept), or undefined to remove it. */
	changes?: { atMs: number; limit: Partial<RateLimitOptions> | undefined }[];
	/** Executions whose Stop is pressed at `atMs`. */
	stops?: { execution: number; atMs: number }[];
	/** Seed of the backoff jitter. */
	seed?: number;
	/**
	 * A flaky gateway behind the limiter: this share of the requests the limiter let through is
	 * answered 429 whatever the pace, with Retry-After `retryAfterSeconds` (absent when
	 * undefined), until `untilMs` (default: the whole run).
	 */
	noise?: { share: number; retryAfterSeconds?: number; seed?: number; untilMs?: number };
}

export interface Outcome {
	wallMs: number;
	requests: number;
	throttled: number;
	succeeded: number;
	failed: number;
	cancelled: number;
	/** Items succeeded when each change of the limit came, in the order of `changes`. */
	succeededAtChanges: number[];
	/** Wall time of each execution, in order. */
	executionWallMs: number[];
	/** Values the gate holds at the end (array slots and fields, reachable from it): its memory. */
	gateFootprint: number;
	clock: FakeClock;
	gate: RateGate;
}

export async function simulate(scenario: Scenario, clock = new FakeClock(), gate = new RateGate({ clock: gateClock(scenario, clock) })): Promise<Outcome> {
	const latency = scenario.latencyMs ?? 25;
	const maxRetries = scenario.maxRetries ?? 3;
	const concurrency = scenario.concurrency ?? 8;
	const random = prng(scenario.seed ?? 1);
	const jitter = Math.min(scenario.jitterMs ?? 0, latency);
	const jitterDraw = prng((scenario.seed ?? 1) + 1);
	const noise = scenario.noise;
	const noiseDraw = prng(noise?.seed ?? 7);
	const options = scenario.limit && { ...scenario.limit };
	let limiter: Limiter | undefined = options && createLimiter(options, clock.now());
	const start = clock.now();
	const out = { requests: 0, throttled: 0, succeeded: 0, failed: 0, cancelled: 0 };

	const succeededAtChanges: number[] = [];
	for (const [i, change] of (scenario.changes ?? []).entries()) {
		void clock.sleep(change.atMs).then(() => {
			succeededAtChanges[i] = out.succeeded;
			if (change.limit === undefined) limiter = undefined;
			else if (options && limiter) Object.assign(options, change.limit);
			else limiter = createLimiter({ rps: 1, ...change.limit }, clock.now());
		});
	}

	const item = async (signal: AbortSignal, pace: FixedPace | undefined): Promise<void> => {
		for (let attempt = 1; ; attempt++) {
			if (pace && !(await pace.acquire(signal))) return void out.cancelled++;
			const startedAt = await gate.acquire(signal);
			if (startedAt === undefined) return void out.cancelled++;
			out.requests++;
			const delay = jitter > 0 ? jitterDraw() * jitter : 0;
			if (delay > 0) await clock.sleep(delay);
			let verdict: Verdict = limiter ? limiter.take(clock.now()) : { ok: true };
			const noisy = noise !== undefined && clock.now() - start < (noise.untilMs ?? Infinity);
			if (verdict.ok && noisy && noiseDraw() < noise.share) verdict = { ok: false, retryAfterSeconds: noise.retryAfterSeconds };
			await clock.sleep(latency - delay);
			if (verdict.ok) {
				gate.accepted(startedAt);
				return void out.succeeded++;
			}
			out.throttled++;
			gate.throttled(startedAt, verdict.retryAfterSeconds === undefined ? undefined : verdict.retryAfterSeconds * 1000);
			if (attempt > maxRetries) return void out.failed++;
			if (!(await clock.sleep(backoffDelay(attempt, DEFAULT_BACKOFF, random), signal))) return void out.cancelled++;
		}
	};

	const execution = async (index: number): Promise<number> => {
		const startAt = scenario.startsMs?.[index] ?? 0;
		if (startAt > 0) await clock.sleep(startAt);
		const stop = new AbortController();
		// Every waiting item listens on its execution's Stop, as in the node.
		setMaxListeners(0, stop.signal);
		const stopAt = scenario.stops?.find((s) => s.execution === index);
		if (stopAt) void clock.sleep(stopAt.atMs).then(() => stop.abort());
		const pace = scenario.fixedPerSecond ? new FixedPace(scenario.fixedPerSecond, clock) : undefined;
		let next = 0;
		const worker = async () => {
			while (next < scenario.items) {
				next++;
				await item(stop.signal, pace);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, scenario.items) }, worker));
		return clock.now() - start;
	};

	const all = Promise.all(Array.from({ length: scenario.executions ?? 1 }, (_, i) => execution(i)));
	await clock.run();
	const executionWallMs = await all;
	const gateFootprint = footprint(gate, new Set([clock]));
	return { ...out, wallMs: Math.max(...executionWallMs), executionWallMs, succeededAtChanges, gateFootprint, clock, gate };
}

/** The clock the gate sees: the fake one, with Node's timer granularity and lateness when asked. */
function gateClock(scenario: Scenario, clock: FakeClock): Clock {
	const late = scenario.timerLateMs ?? 0;
	if (late === 0) return clock;
	const draw = prng((scenario.seed ?? 1) + 2);
	return { now: () => clock.now(), sleep: (ms, signal) => clock.sleep(Math.ceil(ms) + draw() * late, signal) };
}

/** Counts the fields and array slots reachable from `root`, skipping `skip` (the shared clock). */
function footprint(root: object, skip: Set<object>): number {
	const seen = new Set<object>();
	const stack: object[] = [root];
	let count = 0;
	while (stack.length > 0) {
		const value = stack.pop()!;
		if (seen.has(value) || skip.has(value)) continue;
		seen.add(value);
		for (const field of Object.values(value)) {
			count++;
			if (field !== null && typeof field === 'object') stack.push(field);
		}
	}
	return count;
}
