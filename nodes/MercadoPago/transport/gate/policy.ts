/** One answer from Mercado Pago, as the pace and every policy hear it. */
export interface Answer {
	now: number;
	/** When its request left: what the gate's acquire returned. */
	startedAt: number;
	/** false for a 429. */
	ok: boolean;
	/** A 429's Retry-After, ms, when it carried one (may be 0). */
	retryAfterMs?: number;
	/** The smoothed round trip, ms. */
	rttMs: number;
	/** Its request left at a pace under the one the last 429 came at, as the pace climbed back. */
	underCeiling: boolean;
	/** A policy heard before this one accounts for this 429. */
	explained?: boolean;
}

/** What a policy makes of an answer. */
export interface Verdict {
	/** The policy accounts for this 429: it says nothing about the pace, which is not cut for it. */
	claimed?: boolean;
	/** A window opened again with a whole quota: the pace starts again, as after idle. */
	restart?: boolean;
	/** The limiter accepted this many requests per second since it last opened: the pace goes no higher for now. */
	measured?: number;
}

/**
 * A piece of Mercado Pago-specific behaviour beside the pace. Each policy keeps its own state
 * and reads no other's: it hears every release and answer, and may hold the next release back.
 */
export interface Policy {
	/** The earliest time this policy lets the next request leave; -Infinity when it has no objection. */
	earliest(now: number): number;
	released(now: number): void;
	answered(answer: Answer): Verdict;
}
