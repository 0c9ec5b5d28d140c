/**
 * Token bucket: refills `rps` tokens per second up to a burst of `rps` (at least 1).
 * It reads the options object on every call, so a test may mutate `sandbox.rateLimit.rps` in place.
 */
import type { RateLimitOptions } from './types';

export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(private readonly options: RateLimitOptions) {
		this.tokens = this.capacity();
		this.last = performance.now();
	}

	/** Takes one token; false means answer 429. */
	take(): boolean {
		const now = performance.now();
		const refill = ((now - this.last) / 1000) * this.options.rps;
		this.tokens = Math.min(this.capacity(), this.tokens + refill);
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	/** Integer seconds for the Retry-After header. */
	get retryAfterSeconds(): number {
		return Math.max(0, Math.ceil(this.options.retryAfterSeconds ?? 1));
	}

	private capacity(): number {
		return Math.max(1, this.options.rps);
	}
}
