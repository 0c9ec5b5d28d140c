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
 * Runs `attempt` until it is done, not retryable or out of retries. Knows nothing of HTTP:
 * the caller decides what an outcome means; this decides when to try again. When the signal
 * cuts a wait short, the next attempt comes at once: the caller, who knows why the signal
 * fired, answers it without sending (a stopped execution is not the last failure it met).
 */
export async function withRetries<T>(attempt: () => Promise<AttemptOutcome<T>>, options: RetryOptions): Promise<T> {
	for (let retries = 0; ; retries++) {
		const outcome = await attempt();
		if (outcome.done || !outcome.retryable || retries >= options.maxRetries) return outcome.value;
		const backoff = backoffDelay(retries + 1, options, options.random);
		const wait = Math.max(backoff, Math.min(outcome.waitAtLeastMs ?? 0, options.maxWaitMs));
		await options.clock.sleep(wait, options.signal);
	}
}
