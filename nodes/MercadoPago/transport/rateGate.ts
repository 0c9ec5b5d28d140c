import { systemClock, type Clock } from '../shared/clock';

interface RateGateOptions {
	/** Pause after a 429 that gives no Retry-After. */
	defaultPauseMs: number;
	/** Upper bound on one pause, so a single answer cannot park a run for hours. */
	maxPauseMs: number;
	/** Recovery after a 429: the pace is multiplied by this per calm second ... */
	growthPerSecond: number;
	/** ... and raised by this many requests/s per calm second, so a low pace recovers too. */
	stepPerSecond: number;
}

const DEFAULT_RATE_GATE: RateGateOptions = {
	defaultPauseMs: 1_000,
	maxPauseMs: 60_000,
	growthPerSecond: 1.1,
	stepPerSecond: 5,
};

/** Past this pace requests are not spaced at all: the pool's concurrency is the only bound. */
const UNPACED = 10_000;
const MIN_PACE = 1;

/**
 * One gate for the whole execution, in front of every request.
 *
 * A 429 pauses every request until its Retry-After; from then on requests are spaced at the
 * pace Mercado Pago accepted in the second before it (halved if it accepted none), and that
 * pace grows back with every calm second. So a batch slows down together instead of every
 * item hammering on its own, and speeds up again when the limit lifts. An optional cap
 * spaces requests from the start. Knows nothing of HTTP: callers report what happened.
 */
export class RateGate {
	private readonly clock: Clock;
	private readonly options = DEFAULT_RATE_GATE;
	private readonly recent = new SlidingCount(1_000, 10);
	private pausedUntil = 0;
	private lastThrottle = -Infinity;
	/** Pace set by the last 429 (requests/s); Infinity until the first one. */
	private throttledPace = Infinity;
	private nextSlot = 0;

	constructor(options: { clock?: Clock } = {}) {
		this.clock = options.clock ?? systemClock;
	}

	private now(): number {
		return this.clock.now();
	}

	/** Waits for a request's turn and returns its start time; undefined if the signal aborted first. */
	async acquire(signal?: AbortSignal): Promise<number | undefined> {
		for (;;) {
			if (signal?.aborted) return undefined;
			const now = this.now();
			const slot = Math.max(now, this.pausedUntil, this.nextSlot);
			const pace = this.pace(slot);
			if (pace < UNPACED) this.nextSlot = slot + 1000 / pace;
			if (slot <= now) return now;
			if (!(await this.clock.sleep(slot - now, signal))) return undefined;
			// A 429 that came in while this request waited has moved the pause: look again.
			if (this.now() >= this.pausedUntil) return this.now();
		}
	}

	/** Mercado Pago answered a request with anything but 429. */
	accepted(_startedAt: number): void {
		this.recent.add(this.now());
	}

	/** Mercado Pago answered 429 to the request that started at `startedAt`. */
	throttled(startedAt: number, retryAfterMs: number | undefined): void {
		const now = this.now();
		// Requests sent before the last 429 say nothing new about the pace.
		if (startedAt >= this.lastThrottle) {
			this.lastThrottle = now;
			const halved = this.throttledPace === Infinity ? MIN_PACE : this.pace(now) / 2;
			this.throttledPace = Math.max(MIN_PACE, this.recent.count(now), halved);
		}
		const pause = Math.min(retryAfterMs ?? this.options.defaultPauseMs, this.options.maxPauseMs);
		this.pausedUntil = Math.max(this.pausedUntil, now + pause);
		this.nextSlot = this.pausedUntil;
	}

	private pace(at: number): number {
		const cap = Infinity;
		if (this.throttledPace === Infinity) return cap;
		const calm = Math.max(0, at - this.pausedUntil) / 1000;
		const { growthPerSecond, stepPerSecond } = this.options;
		return Math.min(cap, this.throttledPace * growthPerSecond ** calm + stepPerSecond * calm);
	}
}

/** Events in the last `spanMs`, kept in fixed buckets: constant memory however long the run. */
class SlidingCount {
	private readonly counts: number[];
	private readonly stamps: number[];
	private readonly bucketMs: number;

	constructor(spanMs: number, buckets: number) {
		this.bucketMs = spanMs / buckets;
		this.counts = new Array<number>(buckets).fill(0);
		this.stamps = new Array<number>(buckets).fill(-1);
	}

	add(at: number): void {
		const slot = Math.floor(at / this.bucketMs);
		const i = slot % this.counts.length;
		if (this.stamps[i] !== slot) {
			this.stamps[i] = slot;
			this.counts[i] = 0;
		}
		this.counts[i]++;
	}

	count(at: number): number {
		const newest = Math.floor(at / this.bucketMs);
		let total = 0;
		for (let i = 0; i < this.counts.length; i++) {
			if (newest - this.stamps[i] < this.counts.length) total += this.counts[i];
		}
		return total;
	}
}

/** Per execution: the user's known cap (Max Requests per Second), a fixed spacing. */
export class FixedPace {
	private nextSlot = 0;
	private readonly spacingMs: number;

	constructor(perSecond: number, private readonly clock: Clock = systemClock) {
		this.spacingMs = 1000 / perSecond;
	}

	async acquire(signal?: AbortSignal): Promise<boolean> {
		const now = this.clock.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.spacingMs;
		return slot <= now ? !signal?.aborted : await this.clock.sleep(slot - now, signal);
	}
}
