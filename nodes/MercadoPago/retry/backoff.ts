/** When to try again: exponential backoff with jitter. */
export interface BackoffPolicy {
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Delay before retry number `retry` (1-based): base * 2^(retry-1), capped, then scaled by a
 * random factor in [0.5, 1) so that many items failing together do not come back together.
 * Never below half the base: a server saying "retry after 0" still gets a pause.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(exponential * (0.5 + random() / 2));
}
