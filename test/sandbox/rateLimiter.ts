/**
 * Rate limiters of the shapes an integrator meets, as pure classes: every call takes the time,
 * so the sandbox drives them with performance.now() and the gate's simulator with a fake clock.
 * Each reads its options object on every call, so a test may change `rps` or `windowMs` in place
 * mid-run (the limiter keeps its state: a drop is not a free burst). `openAt` tells when a
 * limiter would accept next, for a client that knows the limit: the ideal runs are judged by.
 */
import type { RateLimitOptions } from './types';

/** What the limiter says about one request. */
export type Verdict = { ok: true } | { ok: false; /** integer seconds, absent for 'none' */ retryAfterSeconds?: number };

export interface Limiter {
	take(now: number): Verdict;
	/** The earliest time, `now` or later, at which `take` would accept: what a client that knows the limit waits for. */
	openAt(now: number): number;
}

export function createLimiter(options: RateLimitOptions, now: number): Limiter {
	switch (options.shape ?? 'bucket') {
		case 'bucket':
			return new TokenBucket(options, now);
		case 'fixedWindow':
			return new FixedWindow(options);
		case 'slidingWindow':
			return new SlidingWindow(options);
	}
}

/** Requests a window of `windowMs` allows. */
function quota(options: RateLimitOptions): number {
	return Math.max(1, Math.round((options.rps * windowMs(options)) / 1000));
}

function windowMs(options: RateLimitOptions): number {
	return options.windowMs ?? 1000;
}

/** The Retry-After the options ask for; `resetMs` is when the limiter would accept again. */
function refusal(options: RateLimitOptions, resetMs: number): Verdict {
	const mode = options.retryAfter ?? options.retryAfterSeconds ?? 1;
	if (mode === 'none') return { ok: false };
	// Delta-seconds are integers on the wire: a reset 10 ms away reads "1".
	const seconds = mode === 'reset' ? Math.ceil(Math.max(0, resetMs) / 1000) : Math.max(0, Math.ceil(mode));
	return { ok: false, retryAfterSeconds: seconds };
}

/** Float slack: a token refilled over exactly 1/rps seconds must count as whole. */
const EPSILON = 1e-9;

/** Refills `rps` tokens per second up to `burst` (default `rps`, at least 1). */
export class TokenBucket implements Limiter {
	private tokens: number;
	private last: number;

	constructor(
		private readonly options: RateLimitOptions,
		now: number,
	) {
		this.tokens = this.capacity();
		this.last = now;
	}

	take(now: number): Verdict {
		const { rps } = this.options;
		this.refill(now);
		if (this.tokens >= 1 - EPSILON) {
			this.tokens = Math.max(0, this.tokens - 1);
			return { ok: true };
		}
		return refusal(this.options, ((1 - this.tokens) / rps) * 1000);
	}

	openAt(now: number): number {
		this.refill(now);
		return this.tokens >= 1 - EPSILON ? now : now + ((1 - this.tokens) / this.options.rps) * 1000;
	}

	private refill(now: number): void {
		this.tokens = Math.min(this.capacity(), this.tokens + (Math.max(0, now - this.last) / 1000) * this.options.rps);
		this.last = Math.max(this.last, now);
	}

	private capacity(): number {
		return Math.max(1, this.options.burst ?? this.options.rps);
	}
}

/** `rps * windowMs / 1000` requests per window; windows start at multiples of `windowMs`. */
export class FixedWindow implements Limiter {
	private start = -Infinity;
	private count = 0;

	constructor(private readonly options: RateLimitOptions) {}

	take(now: number): Verdict {
		const span = this.roll(now);
		if (this.count < quota(this.options)) {
			this.count++;
			return { ok: true };
		}
		return refusal(this.options, this.start + span - now);
	}

	openAt(now: number): number {
		const span = this.roll(now);
		return this.count < quota(this.options) ? now : this.start + span;
	}

	/** Moves to the window `now` falls in; returns the window's length. */
	private roll(now: number): number {
		const span = windowMs(this.options);
		const start = Math.floor(now / span) * span;
		if (start !== this.start) {
			this.start = start;
			this.count = 0;
		}
		return span;
	}
}

/** At most `rps * windowMs / 1000` accepted requests in any `windowMs`: a log of their times. */
export class SlidingWindow implements Limiter {
	/** Times of accepted requests still inside the window, oldest first, from `head`. */
	private log: number[] = [];
	private head = 0;

	constructor(private readonly options: RateLimitOptions) {}

	take(now: number): Verdict {
		const span = this.expire(now);
		if (this.log.length - this.head < quota(this.options)) {
			this.log.push(now);
			return { ok: true };
		}
		return refusal(this.options, this.log[this.head] + span - now);
	}

	openAt(now: number): number {
		const span = this.expire(now);
		const over = this.log.length - this.head - quota(this.options);
		// A quota that dropped frees a slot only when the excess has left the window too.
		return over < 0 ? now : this.log[this.head + over] + span;
	}

	/** Forgets what left the window before `now`; returns the window's length. */
	private expire(now: number): number {
		const span = windowMs(this.options);
		while (this.head < this.log.length && this.log[this.head] <= now - span) this.head++;
		// Compact now and then: the log never holds more than a window's quota for long.
		if (this.head > 1024 && this.head * 2 > this.log.length) {
			this.log = this.log.slice(this.head);
			this.head = 0;
		}
		return span;
	}
}
