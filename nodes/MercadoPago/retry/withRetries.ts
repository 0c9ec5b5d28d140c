import type { Clock } from '../shared/clock';
import { backoffDelay, type BackoffPolicy } from './backoff';

/** What one attempt came to: done, or a failure that may or may not be worth another try. */
export type AttemptOutcome<T> =
	| { done: true; value: T }
	/** `waitAtLeastMs`: what the other side asked for; the backoff still applies when it is shorter. */
	| { done: false; value: T; retryable: boolean; waitAtLeastMs?: number };

export interface RetryOptions extends BackoffPolicy {
	/** Retries after the first attempt; 0 = none. */
	maxRetries: number;
	/** Waits asked for beyond this are capped, so one answer cannot park a run for hours. */
	maxWaitMs: number;
	clock: Clock;
	signal?: AbortSignal;
	random?: () => number;
}

/**
 * Runs `attempt` until it is done, not retryable, out of retries, or the signal aborts.
 * Knows nothing of HTTP: the caller decides what an outcome means; this decides when to try again.
 */
export async function withRetries<T>(attempt: () => Promise<AttemptOutcome<T>>, options: RetryOptions): Promise<T> {
	for (let retries = 0; ; retries++) {
		const outcome = await attempt();
		if (outcome.done || !outcome.retryable || retries >= options.maxRetries || options.signal?.aborted) {
			return outcome.value;
		}
		const backoff = backoffDelay(retries + 1, options, options.random);
		const wait = Math.max(backoff, Math.min(outcome.waitAtLeastMs ?? 0, options.maxWaitMs));
		if (!(await options.clock.sleep(wait, options.signal))) return outcome.value;
	}
}
