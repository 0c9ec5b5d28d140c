/** Time as the gate and the retry loop see it: real by default, simulated in their tests. */
export interface Clock {
	now(): number;
	/** Waits `ms` (clamped to what a timer can hold); resolves false early if the signal aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Node fires a timer set past 2^31-1 ms at once, so a longer wait would be no wait at all. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
	now: () => performance.now(),
	sleep(ms, signal) {
		if (signal?.aborted) return Promise.resolve(false);
		const wait = Math.min(MAX_TIMER_MS, Math.max(0, ms));
		if (!(wait > 0)) return Promise.resolve(true);
		return new Promise((resolve) => {
			const onAbort = () => {
				clearTimeout(timer);
				resolve(false);
			};
			const timer = setTimeout(() => {
				signal?.removeEventListener('abort', onAbort);
				resolve(true);
			}, wait);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	},
};
