import { backoffDelay, type BackoffPolicy } from './backoff';
import { sleep } from '../helpers/sleep';

/** What one attempt came to: done, or a failure that may or may not be worth another try. */
export type AttemptOutcome<T> =
	| { done: true; value: T }
	| { done: false; value: T; retryable: boolean; retryAfterMs?: number };

export interface RetryOptions extends BackoffPolicy {
	/** Retries after the first attempt; 0 = none. */
	maxRetries: number;
	/** Server-requested waits beyond this are capped, so one answer cannot park a run for hours. */
	maxRetryAfterMs: number;
	signal?: AbortSignal;
}

/**
 * Runs `attempt` until it is done, not retryable, out of retries, or the signal aborts.
 * Knows nothing of HTTP: the caller decides what an outcome means; this decides when to try again.
 */
export async function withRetries<T>(
	attempt: () => Promise<AttemptOutcome<T>>,
	options: RetryOptions,
): Promise<T> {
	for (let attempts = 1; ; attempts++) {
		const outcome = await attempt();
		const retriesLeft = attempts <= options.maxRetries;
		if (outcome.done || !outcome.retryable || !retriesLeft || options.signal?.aborted) {
			return outcome.value;
		}
		const wait =
			outcome.retryAfterMs !== undefined
				? Math.min(outcome.retryAfterMs, options.maxRetryAfterMs)
				: backoffDelay(attempts, options);
		if (!(await sleep(wait, options.signal))) return outcome.value;
	}
}
