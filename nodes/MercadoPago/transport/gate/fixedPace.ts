import { systemClock, type Clock } from '../../shared/clock';

/**
 * Per execution: the user's known cap (Max Requests per Second), a fixed spacing from the
 * first request, so a known limit costs no 429 at all. The shared gate still runs behind it.
 */
export class FixedPace {
	private readonly interval: number;
	private next = -Infinity;

	constructor(
		perSecond: number,
		private readonly clock: Clock = systemClock,
	) {
		if (!(perSecond > 0)) throw new RangeError(`requests per second must be above 0, got ${perSecond}`);
		this.interval = 1000 / perSecond;
	}

	/** Waits for the next slot; false if the signal aborted first. */
	acquire(signal?: AbortSignal): Promise<boolean> {
		if (signal?.aborted) return Promise.resolve(false);
		const now = this.clock.now();
		const at = Math.max(now, this.next);
		this.next = at + this.interval;
		return at <= now ? Promise.resolve(true) : this.clock.sleep(at - now, signal);
	}
}
