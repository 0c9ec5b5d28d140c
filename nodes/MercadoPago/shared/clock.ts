/** Time as the node sees it: one seam, so pacing can run on a fake clock in tests. */
export interface Clock {
	/** milliseconds, monotonic enough for pacing */
	now(): number;
	/** waits ms (clamped to 0..2^31-1); resolves false early if the signal aborts */
	sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Node fires a timer longer than this at once, so no wait may exceed it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
	now: () => performance.now(),
	sleep(ms, signal) {
		if (signal?.aborted) return Promise.resolve(false);
		const wait = Math.min(MAX_TIMER_MS, Math.max(0, Number.isFinite(ms) ? ms : ms > 0 ? MAX_TIMER_MS : 0));
		return new Promise((resolve) => {
			const onAbort = () => {
				clearTimeout(timer);
				resolve(false);
			};
			const timer = setTimeout(() => {
				// A long run makes many sleeps on one signal: each must take its listener away.
				signal?.removeEventListener('abort', onAbort);
				resolve(true);
			}, wait);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	},
};
