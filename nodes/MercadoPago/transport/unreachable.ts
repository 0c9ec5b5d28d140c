/**
 * A breaker for an account that cannot be reached at all: a Base URL with a typo, a proxy
 * that is down. Such a run once spent every item's own retries (a 5,000-row sheet took about
 * an hour to say "the connection failed"); once this breaker trips, the run's remaining
 * attempts, and the items waiting out a retry, fail at once.
 *
 * It counts only failures that prove nothing reached Mercado Pago (the connection refused,
 * the host name unresolved or unreachable), several in a row and from more than one call, so
 * one item's own retries never trip it; a reset, a timeout or a 5xx proves the account is
 * there and keeps today's per-item retries. Any answer resets it. One per run.
 */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Failures in a row that trip the breaker. */
export const TRIP_AFTER = 5;
/** Calls (items, mostly) those failures must come from. */
const FROM_CALLS = 2;

export class Unreachable {
	private streak = 0;
	private readonly calls = new Set<object>();
	private lastReason = '';
	private readonly trip = new AbortController();
	/** Aborts when the breaker trips: a retry wait on it ends at once. */
	readonly signal = this.trip.signal;

	get tripped(): boolean {
		return this.trip.signal.aborted;
	}

	/** What an item failed by the breaker says: the failures that tripped it, the last one's words. */
	get reason(): string {
		return `${this.streak} connections in a row failed before reaching Mercado Pago (the last: ${this.lastReason}), so no more were tried`;
	}

	/** A connection that failed (`code`: the system's error code); `call` tells the calls (items) apart. */
	failed(call: object, code: string | undefined, reason: string): void {
		if (code === undefined || !UNREACHABLE_CODES.has(code) || this.tripped) return;
		this.streak++;
		this.calls.add(call);
		this.lastReason = reason;
		if (this.streak >= TRIP_AFTER && this.calls.size >= FROM_CALLS) this.trip.abort();
	}

	/** Mercado Pago (or whatever serves the Base URL) answered: the account is reachable. */
	answered(): void {
		if (this.tripped) return;
		this.streak = 0;
		this.calls.clear();
	}
}
