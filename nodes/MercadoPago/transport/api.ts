import { fromCatalogue, fromResponse, type Failure } from '../errors/failure';
import { parseRetryAfter } from '../retry/backoff';
import { withRetries, type AttemptOutcome, type RetryOptions } from '../retry/withRetries';
import type { HttpOutcome, MercadoPagoClient, RequestSpec } from './client';
import type { RateGate } from './rateGate';

/** A call that Mercado Pago answered with 2xx, or the failure it came to after retries. */
export type ApiResult =
	| { ok: true; status: number; body: unknown; attempts: number }
	| { ok: false; failure: Failure; attempts: number };

/**
 * Mercado Pago calls with retries, behind the execution's rate gate: every attempt of one
 * call is the same request, so it carries the same idempotency key. Composes the client, the
 * gate, the retry loop and the error catalogue without reaching into any of them.
 */
export class MercadoPagoApi {
	constructor(
		private readonly client: MercadoPagoClient,
		private readonly gate: RateGate,
		private readonly retry: RetryOptions,
	) {}

	async call(spec: RequestSpec): Promise<ApiResult> {
		let attempts = 0;
		const value = await withRetries(async () => {
			const startedAt = await this.gate.acquire(this.retry.signal);
			if (startedAt === undefined) return judge({ kind: 'cancelled' });
			attempts++;
			const outcome = await this.client.request(spec);
			const judged = judge(outcome);
			if (outcome.kind === 'response') {
				if (outcome.status === 429) this.gate.throttled(startedAt, judged.done ? undefined : judged.retryAfterMs);
				else this.gate.accepted();
			}
			return judged;
		}, this.retry);
		return value.ok ? { ...value, attempts } : { ok: false, failure: value.failure, attempts };
	}
}

type Judged = { ok: true; status: number; body: unknown } | { ok: false; failure: Failure };

function judge(outcome: HttpOutcome): AttemptOutcome<Judged> {
	if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
		return { done: true, value: { ok: true, status: outcome.status, body: outcome.body } };
	}
	const failure = failureOf(outcome);
	// A stopped execution is never retried: withRetries sees the aborted signal.
	const retryAfterMs = outcome.kind === 'response' ? parseRetryAfter(outcome.headers['retry-after']) : undefined;
	return { done: false, value: { ok: false, failure }, retryable: failure.retryable, retryAfterMs };
}

function failureOf(outcome: HttpOutcome): Failure {
	switch (outcome.kind) {
		case 'response':
			return fromResponse(outcome.status, outcome.body);
		case 'timeout':
			return fromCatalogue('timeout', null);
		case 'network': {
			const failure = fromCatalogue('network_error', null);
			return { ...failure, message: `${failure.message} (${outcome.reason})` };
		}
		case 'cancelled':
			return fromCatalogue('cancelled', null);
	}
}
