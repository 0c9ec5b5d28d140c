import { setMaxListeners } from 'node:events';
import { failure, fromResponse, type Failure } from '../errors/failure';
import { PROBLEMS } from '../errors/problems';
import { DEFAULT_BACKOFF } from '../retry/backoff';
import { withRetries, type AttemptOutcome } from '../retry/withRetries';
import type { Accept } from '../shared/answers';
import { systemClock, type Clock } from '../shared/clock';
import { MAX_CONCURRENCY, type Account } from './accounts';
import { MAX_BODY_BYTES, MAX_BODY_DEPTH, bounded } from './body';
import type { HttpOutcome, RequestSpec } from './client';
import { FixedPace } from './gate';
import { parseRetryAfter } from './retryAfter';
import { DEFAULT_RATE_LIMIT_WAIT_S, sendThroughGate } from './throughGate';
import { Unreachable } from './unreachable';

export type ApiResult<T> =
	| { ok: true; value: T; status: number; attempts: number }
	| { ok: false; failure: Failure; attempts: number };

/** What an operation calls Mercado Pago through. */
export interface Caller {
	call<T>(spec: RequestSpec, accept: Accept<T>): Promise<ApiResult<T>>;
}

export interface ApiSettings {
	maxRetries: number;
	/** Per request, the whole answer included. */
	timeoutMs: number;
	/** The user's known cap; undefined = none. */
	requestsPerSecond?: number;
	/** How long an item may keep being refused by the rate limit (429), ms; default 600 s. */
	rateLimitWaitMs?: number;
	/** The execution's stop. */
	signal?: AbortSignal;
	clock?: Clock;
}

/** What one attempt came to: the client's outcome, or no attempt at all once the account proved unreachable. */
type Attempt = HttpOutcome | { kind: 'unreachable' };

/** No single answer parks a run for longer than this. */
const MAX_WAIT_MS = 60_000;

/**
 * Mercado Pago calls for one execution: every attempt of one call is the same request (so it
 * carries the same idempotency key), sent behind the account's shared rate gate and
 * in-flight bound. Composes the client, the gate, the retry loop and the error catalogue
 * without reaching into any of them.
 */
export class Api implements Caller {
	private readonly clock: Clock;
	private readonly pace: FixedPace | undefined;
	private readonly unreachable = new Unreachable();
	/** What ends a wait early: the execution's stop, or the account proving unreachable. */
	private readonly waitSignal: AbortSignal;

	constructor(
		private readonly account: Account,
		private readonly settings: ApiSettings,
	) {
		this.clock = settings.clock ?? systemClock;
		this.pace = settings.requestsPerSecond ? new FixedPace(settings.requestsPerSecond, this.clock) : undefined;
		// One combined signal per run, not per request. Every item in flight or waiting its turn
		// listens to it: far more than Node's 10 listeners before it warns of a leak.
		this.waitSignal = settings.signal ? AbortSignal.any([settings.signal, this.unreachable.signal]) : this.unreachable.signal;
		setMaxListeners(4 * MAX_CONCURRENCY, this.waitSignal);
	}

	async call<T>(spec: RequestSpec, accept: Accept<T>): Promise<ApiResult<T>> {
		const call = {};
		let attempts = 0;
		const result = await withRetries<ApiResult<T>>(
			async () => {
				const { outcome, sent } = await this.attempt(spec, call);
				attempts += sent;
				return this.judge(outcome, accept, () => attempts);
			},
			{ ...DEFAULT_BACKOFF, maxRetries: this.settings.maxRetries, maxWaitMs: MAX_WAIT_MS, clock: this.clock, signal: this.waitSignal },
		);
		return { ...result, attempts };
	}

	/**
	 * One attempt: the request, sent again through the gate for as long as the rate limit
	 * refuses it; none at all once the account proved unreachable.
	 */
	private async attempt(spec: RequestSpec, call: object): Promise<{ outcome: Attempt; sent: number }> {
		const { signal, timeoutMs, rateLimitWaitMs = DEFAULT_RATE_LIMIT_WAIT_S * 1000 } = this.settings;
		const send = async (): Promise<HttpOutcome> => {
			if (this.unreachable.tripped) return { kind: 'cancelled' };
			// The account's client as it is now, after the waits: a run that grew the pool meanwhile closed the old one.
			const outcome = await this.account.client.send(spec, { timeoutMs, signal });
			if (outcome.kind === 'network') this.unreachable.failed(call, outcome.code, outcome.reason);
			else if (outcome.kind === 'response' || outcome.kind === 'tooLarge') this.unreachable.answered();
			return outcome;
		};
		const gated = this.unreachable.tripped
			? { outcome: { kind: 'cancelled' } as const, sent: 0 }
			: await sendThroughGate(this.account, send, { waitMs: rateLimitWaitMs, clock: this.clock, pace: this.pace, signal: this.waitSignal });
		// Not sent because the breaker tripped, not because the execution stopped: the item fails as unreachable.
		const unreachable = gated.outcome.kind === 'cancelled' && !signal?.aborted && this.unreachable.tripped;
		return unreachable ? { outcome: { kind: 'unreachable' }, sent: gated.sent } : gated;
	}

	private judge<T>(outcome: Attempt, accept: Accept<T>, attempts: () => number): AttemptOutcome<ApiResult<T>> {
		// `retryable`: whether to try again in this run; the failure's own says whether a later run may succeed.
		// A 429 comes back only once the rate limit wait ran out: no retry after it.
		const fail = (f: Failure, waitAtLeastMs?: number, retryable = f.retryable && f.httpStatus !== 429): AttemptOutcome<ApiResult<T>> => ({
			done: false,
			value: { ok: false, failure: f, attempts: attempts() },
			retryable,
			waitAtLeastMs,
		});
		switch (outcome.kind) {
			case 'response': {
				const { status, body } = outcome;
				if (status < 200 || status >= 300) {
					// A 429 was paced by the gate for everyone; other answers may ask for a wait of their own.
					const wait = status === 429 ? undefined : parseRetryAfter(outcome.retryAfter);
					return fail({ ...fromResponse(status, body), ...kept(body) }, wait);
				}
				if (outcome.tooDeep) {
					return fail(failure('unexpected_response', { httpStatus: status, detail: PROBLEMS.bodyTooDeep(MAX_BODY_DEPTH), ...kept(body) }));
				}
				const accepted = accept(status, body);
				if (accepted.ok) return { done: true, value: { ok: true, value: accepted.value, status, attempts: attempts() } };
				// An answer that proves a failure of its own is that failure; any other proves nothing.
				const detail = accepted.code ? undefined : PROBLEMS.unexpectedAnswer(status, accepted.what);
				return fail(failure(accepted.code ?? 'unexpected_response', { httpStatus: status, detail, ...kept(body) }));
			}
			case 'tooLarge':
				return fail(failure('unexpected_response', { httpStatus: outcome.status, detail: PROBLEMS.bodyTooLarge(MAX_BODY_BYTES) }));
			case 'timeout':
				return fail(failure('timeout'));
			case 'network':
				return fail(failure('network_error', { detail: outcome.reason }));
			case 'unreachable':
				return fail(failure('network_error', { detail: this.unreachable.reason }), undefined, false);
			case 'cancelled':
				return fail(failure('cancelled'), undefined, false);
		}
	}
}

/** What an error item keeps of a body: never more than a bounded copy. */
function kept(body: unknown): { response?: unknown } {
	return body === undefined || body === '' ? {} : { response: bounded(body) };
}
