/**
 * Simulated executions sharing one account's RateGate, as the node runs them: each item goes
 * through the real sendThroughGate (a 429 goes back to the gate, bounded by the Rate Limit
 * Wait) and the account's real bound on requests in flight, against a simulated limiter, all
 * on a FakeClock. Nothing here opens a socket.
 */
import { setMaxListeners } from 'node:events';
import type { Clock } from '../../../nodes/MercadoPago/shared/clock';
import { ACCOUNT_SLOTS, Slots } from '../../../nodes/MercadoPago/transport/accounts';
import type { HttpOutcome } from '../../../nodes/MercadoPago/transport/client';
import { RateGate } from '../../../nodes/MercadoPago/transport/gate';
import { DEFAULT_RATE_LIMIT_WAIT_S, sendThroughGate } from '../../../nodes/MercadoPago/transport/throughGate';
import { prng } from '../../sandbox/faults';
import { createLimiter, type Limiter, type Verdict } from '../../sandbox/rateLimiter';
import type { RateLimitOptions } from '../../sandbox/types';
import { FakeClock } from './fakeClock';

export interface Run {
	/** The limiter; undefined: none. */
	limit?: RateLimitOptions;
	/** Items per execution. */
	items: number;
	/** Executions, each with `items` items (default 1)... */
	executions?: number;
	/** ... started at these times after the run's start, ms (default: all at once). */
	startsMs?: number[];
	/** Items in flight per execution (default 16). */
	concurrency?: number;
	/** From sending a request to its answer, ms (default 25). */
	latencyMs?: number;
	/** The machine the node runs on (default: an idle one that costs nothing). */
	machine?: Machine;
	/** Rate Limit Wait, ms (default the node's). */
	waitMs?: number;
	/** The limiter's own clock reads this at the run's start: a fixed window is met this far into one. */
	phaseMs?: number;
	/** Limit changes, ms after the run's start: new fields for the same limiter (its state kept), or undefined to lift it. */
	changes?: { atMs: number; limit: Partial<RateLimitOptions> | undefined }[];
	/** Executions whose Stop is pressed, ms after the run's start. */
	stops?: { execution: number; atMs: number }[];
	/** A share of what the limiter lets through is refused anyway (a flaky gateway), until `untilMs`. */
	noise?: { share: number; retryAfterSeconds?: number; untilMs?: number };
	seed?: number;
}

/**
 * A busy machine, as the bench meets it (measured over real sockets, load 2 to 5 on 2 cores):
 * one event loop does every item's work, so a burst goes out at the pace the loop allows, not
 * all at once; the process stalls now and then; timers fire late; a request reaches the
 * limiter a little after it left.
 */
export interface Machine {
	/** The loop's work per request (reading its answer, the engine's work for the item), ms, on average. */
	loopMs: number;
	/** The machine's load changes this often, ms: each period the loop's work is drawn again, from half to one and a half times `loopMs`. */
	loadPeriodMs: number;
	/** Stalls of the whole process (descheduled, garbage collection): how often on average, and how long on average, ms. */
	stallEveryMs: number;
	stallMs: number;
	/** From leaving to reaching the limiter, ms, on average (drawn from an exponential). */
	transitMs: number;
}

/** The machine the bench measured: its rows over real sockets land where the simulation of this one does. */
export const BUSY_MACHINE: Machine = { loopMs: 2.5, loadPeriodMs: 500, stallEveryMs: 200, stallMs: 4, transitMs: 0.6 };

export interface Result {
	wallMs: number;
	requests: number;
	throttled: number;
	succeeded: number;
	/** Items that came out as failures (too_many_requests), or cancelled by a Stop. */
	failed: number;
	cancelled: number;
	/** Items the limiter accepted more than once: must stay 0. */
	twice: number;
	/** Items that never came out at all: must stay 0. */
	lost: number;
	/** Items succeeded when each change of the limit came, in the order of `changes`. */
	succeededAtChanges: number[];
	/** Wall time of each execution, from the run's start. */
	executionWallMs: number[];
	peakInFlight: number;
	/** Timers of the clock still pending after the run: what would keep a process alive. */
	timersLeft: number;
}

export async function simulate(run: Run, gateFor: (clock: Clock) => RateGate = (clock) => new RateGate({ clock })): Promise<Result> {
	const clock = new FakeClock(run.phaseMs ?? 0);
	const start = clock.now();
	const seed = run.seed ?? 1;
	const latency = run.latencyMs ?? 25;
	const concurrency = run.concurrency ?? 16;
	const draw = { noise: prng(seed + 7) };
	const loop = run.machine && new Loop(clock, run.machine, prng(seed + 1));
	const gateClock = loop ? loop.clockForNode : clock;
	const account = { gate: gateFor(gateClock), slots: new Slots(Math.max(ACCOUNT_SLOTS, concurrency)) };
	const options = run.limit && { ...run.limit };
	let limiter: Limiter | undefined = options && createLimiter(options, start);
	const executions = run.executions ?? 1;
	const acceptedTimes = new Uint8Array(executions * run.items);
	const out = { requests: 0, throttled: 0, succeeded: 0, failed: 0, cancelled: 0, inFlight: 0, peakInFlight: 0 };

	const succeededAtChanges: number[] = [];
	for (const [i, change] of (run.changes ?? []).entries()) {
		void clock.sleep(change.atMs).then(() => {
			succeededAtChanges[i] = out.succeeded;
			if (change.limit === undefined) limiter = undefined;
			else if (options && limiter) Object.assign(options, change.limit);
		});
	}

	const send = async (item: number, signal: AbortSignal): Promise<HttpOutcome> => {
		out.requests++;
		out.peakInFlight = Math.max(out.peakInFlight, ++out.inFlight);
		try {
			const transit = loop ? await loop.send() : 0;
			let verdict: Verdict = limiter ? limiter.take(clock.now()) : { ok: true };
			const { noise } = run;
			if (verdict.ok && noise && clock.now() - start < (noise.untilMs ?? Infinity) && draw.noise() < noise.share) {
				verdict = { ok: false, retryAfterSeconds: noise.retryAfterSeconds };
			}
			if (verdict.ok) acceptedTimes[item]++;
			if (!(await clock.sleep(Math.max(0, latency - transit), signal))) return { kind: 'cancelled' };
			if (loop) await loop.answer();
			if (verdict.ok) return { kind: 'response', status: 200, body: undefined, tooDeep: false };
			out.throttled++;
			const retryAfter = verdict.retryAfterSeconds === undefined ? undefined : String(verdict.retryAfterSeconds);
			return { kind: 'response', status: 429, body: undefined, tooDeep: false, retryAfter };
		} finally {
			out.inFlight--;
		}
	};

	const execution = async (index: number): Promise<number> => {
		const startAt = run.startsMs?.[index] ?? 0;
		if (startAt > 0) await clock.sleep(startAt);
		const stop = new AbortController();
		// Every waiting item listens on its execution's Stop, as in the node.
		setMaxListeners(0, stop.signal);
		const stopAt = run.stops?.find((s) => s.execution === index);
		if (stopAt) void clock.sleep(stopAt.atMs - startAt).then(() => stop.abort());
		const waitMs = run.waitMs ?? DEFAULT_RATE_LIMIT_WAIT_S * 1000;
		let next = 0;
		const worker = async () => {
			while (next < run.items) {
				const item = index * run.items + next++;
				const { outcome } = await sendThroughGate(account, () => send(item, stop.signal), { waitMs, clock: gateClock, signal: stop.signal });
				if (outcome.kind === 'cancelled') out.cancelled++;
				else if (outcome.kind === 'response' && outcome.status === 200) out.succeeded++;
				else out.failed++;
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, run.items) }, worker));
		return clock.now() - start;
	};

	let executionWallMs: number[] = [];
	void Promise.all(Array.from({ length: executions }, (_, i) => execution(i))).then((walls) => (executionWallMs = walls));
	// Runs until no timer is left: an item still waiting then would wait forever.
	await clock.run();
	const settled = out.succeeded + out.failed + out.cancelled;
	return {
		wallMs: executionWallMs.length === executions ? Math.max(...executionWallMs) : NaN,
		requests: out.requests,
		throttled: out.throttled,
		succeeded: out.succeeded,
		failed: out.failed,
		cancelled: out.cancelled,
		twice: acceptedTimes.filter((n) => n > 1).length,
		lost: executions * run.items - settled,
		succeededAtChanges,
		executionWallMs,
		peakInFlight: out.peakInFlight,
		timersLeft: clock.live,
	};
}

/**
 * The node's event loop on a busy machine: every request's work waits for the loop, and so does
 * every timer of the gate; the process stalls now and then.
 */
class Loop {
	private free = 0;
	private factor = 1;
	private loadUntil = -Infinity;
	private nextStall: number;

	constructor(
		private readonly clock: FakeClock,
		private readonly machine: Machine,
		private readonly draw: () => number,
	) {
		this.nextStall = clock.now() + this.exponential(machine.stallEveryMs);
	}

	/** The clock the node's side sees: a timer fires when the loop is free, and no sooner than asked (Node keeps fractions of a ms). */
	get clockForNode(): Clock {
		return {
			now: () => this.clock.now(),
			sleep: async (ms, signal) => (await this.clock.sleep(ms, signal)) && (await this.idle(), true),
		};
	}

	/** Sends a request: its transit, ms, to the limiter. */
	async send(): Promise<number> {
		const transit = this.exponential(this.machine.transitMs);
		await this.clock.sleep(transit);
		return transit;
	}

	/** Reads an answer: the item's work (the engine's, the node's, the next item's). */
	answer(): Promise<void> {
		return this.work();
	}

	private async work(): Promise<void> {
		const now = this.clock.now();
		if (now >= this.loadUntil) {
			this.factor = 0.5 + this.draw();
			this.loadUntil = now + this.machine.loadPeriodMs;
		}
		this.free = this.busyUntil(now) + this.machine.loopMs * this.factor;
		await this.clock.sleep(this.free - now);
	}

	private async idle(): Promise<void> {
		const wait = this.busyUntil(this.clock.now()) - this.clock.now();
		if (wait > 0) await this.clock.sleep(wait);
	}

	/** When the loop is free, from `now`: after the work queued and the stalls begun. */
	private busyUntil(now: number): number {
		while (this.nextStall <= Math.max(now, this.free)) {
			this.free = Math.max(this.free, this.nextStall) + this.exponential(this.machine.stallMs);
			this.nextStall += this.exponential(this.machine.stallEveryMs);
		}
		return Math.max(now, this.free);
	}

	private exponential(mean: number): number {
		return -Math.log(1 - this.draw()) * mean;
	}
}
