import { systemClock, type Clock } from '../../shared/clock';
import { Pace } from './pace';
import type { Answer, Policy, Verdict } from './policy';
import { BackgroundPolicy } from './policies/background';
import { RetryAfterPolicy } from './policies/retryAfter';
import { WindowPolicy } from './policies/window';
import { Queue } from './queue';

/**
 * The rate gate: one per Mercado Pago account per process, in front of every request of every
 * execution that uses the account. It knows nothing of HTTP: callers say when a request may
 * start (`acquire`) and what came back (`accepted`, `throttled`). Mercado Pago publishes no
 * limits, so it assumes no shape: it learns one pace from the answers (pace.ts), and the
 * policies beside it handle what a pace cannot: a Retry-After to believe, a window that ran out.
 */
export class RateGate {
	private readonly clock: Clock;
	private readonly pace = new Pace();
	private readonly policies: Policy[] = [new RetryAfterPolicy(), new BackgroundPolicy(), new WindowPolicy()];
	private readonly queue: Queue;

	constructor(options: { clock?: Clock } = {}) {
		this.clock = options.clock ?? systemClock;
		this.queue = new Queue(this.clock, {
			nextRelease: (now) => Math.max(this.pace.nextRelease(), ...this.policies.map((p) => p.earliest(now))),
			released: (now) => {
				this.pace.released(now);
				for (const policy of this.policies) policy.released(now);
			},
		});
	}

	/**
	 * Waits for a request's turn; resolves with its start time, undefined if the signal aborted.
	 * `again`: the limiter refused it before, so it goes ahead of requests not yet sent.
	 */
	acquire(signal?: AbortSignal, again = false): Promise<number | undefined> {
		return this.queue.take(signal, again);
	}

	/** The request that started at `startedAt` got an answer other than 429. */
	accepted(startedAt: number): void {
		this.hear(startedAt, true);
		this.pace.onAccepted(this.clock.now(), startedAt, this.queue.held);
		this.queue.wake();
	}

	/** ... got a 429; `retryAfterMs` when the answer carried Retry-After (may be 0). */
	throttled(startedAt: number, retryAfterMs?: number): void {
		const verdicts = this.hear(startedAt, false, retryAfterMs);
		if (verdicts.some((v) => v.claimed)) this.pace.onExplained(this.clock.now(), startedAt);
		else this.pace.onThrottled(this.clock.now(), startedAt);
		this.queue.wake();
	}

	/** Tells every policy, in order, of the answer, and the pace what they made of it. */
	private hear(startedAt: number, ok: boolean, retryAfterMs?: number): Verdict[] {
		const advice = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : undefined;
		const answer: Answer = {
			now: this.clock.now(),
			startedAt,
			ok,
			retryAfterMs: advice,
			rttMs: this.pace.rttMs,
			underCeiling: this.pace.underCeiling(startedAt),
		};
		return this.policies.map((policy) => {
			const verdict = policy.answered(answer);
			if (verdict.claimed) answer.explained = true;
			if (verdict.restart) this.pace.restart();
			if (verdict.measured !== undefined) this.pace.measured(answer.now, verdict.measured);
			return verdict;
		});
	}
}
