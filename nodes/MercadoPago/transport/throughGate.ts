import type { Clock } from '../shared/clock';
import type { HttpOutcome } from './client';
import type { FixedPace, RateGate } from './gate';
import { parseRetryAfter } from './retryAfter';

/** How long an item may keep being refused by the rate limit by default, seconds: a per-minute window is met many times over. */
export const DEFAULT_RATE_LIMIT_WAIT_S = 600;

/** What sending needs from the account: its gate and its bound on requests in flight. */
export interface Admission {
	gate: Pick<RateGate, 'acquire' | 'accepted' | 'throttled'>;
	slots: { acquire(signal?: AbortSignal): Promise<boolean>; release(): void };
}

export interface GateOptions {
	/** How long a request may keep being refused (429), ms from its first 429. */
	waitMs: number;
	clock: Clock;
	/** The user's known cap for this execution. */
	pace?: FixedPace;
	/** The execution's stop. */
	signal?: AbortSignal;
}

/**
 * One request through the account's gate, sent again each time the rate limit refuses it: a
 * 429 means Mercado Pago did nothing with it, so it waits for the gate (ahead of requests not
 * yet sent) and goes again, with the same key, costing no retry. Time bounds it: once `waitMs`
 * has passed since its first 429, its last 429 stands. Returns the answer and how many requests went.
 */
export async function sendThroughGate(
	account: Admission,
	send: () => Promise<HttpOutcome>,
	options: GateOptions,
): Promise<{ outcome: HttpOutcome; sent: number }> {
	let sent = 0;
	let deadline = Infinity;
	let refused: HttpOutcome | undefined;
	for (;;) {
		const startedAt = await turn(account, options, deadline, refused !== undefined);
		if (startedAt === undefined) {
			return { outcome: refused && !options.signal?.aborted ? refused : { kind: 'cancelled' }, sent };
		}
		let outcome: HttpOutcome;
		try {
			outcome = await send();
		} finally {
			account.slots.release();
		}
		// Stopped before it left, nothing was sent; stopped after, it may have been.
		if (outcome.kind !== 'cancelled' || outcome.sent) sent++;
		if (outcome.kind === 'response' && outcome.status === 429) {
			account.gate.throttled(startedAt, parseRetryAfter(outcome.retryAfter));
			const now = options.clock.now();
			if (deadline === Infinity) deadline = now + options.waitMs;
			if (now >= deadline) return { outcome, sent };
			refused = outcome;
			continue;
		}
		if (outcome.kind === 'response' || outcome.kind === 'tooLarge') account.gate.accepted(startedAt);
		return { outcome, sent };
	}
}

/**
 * The request's turn: the user's cap, a slot, then the gate, the slot held until it is sent.
 * Undefined when the execution stops or, after a 429, the wait runs out first.
 */
async function turn(account: Admission, options: GateOptions, deadline: number, again: boolean): Promise<number | undefined> {
	const stop = deadline === Infinity ? { signal: options.signal, done: () => {} } : expiring(options, deadline);
	try {
		if (options.pace && !(await options.pace.acquire(stop.signal))) return undefined;
		if (!(await account.slots.acquire(stop.signal))) return undefined;
		const startedAt = await account.gate.acquire(stop.signal, again);
		if (startedAt === undefined) account.slots.release();
		return startedAt;
	} finally {
		stop.done();
	}
}

/** A signal that aborts at `deadline` or with the execution's; `done` takes its timer and listener away. */
function expiring({ clock, signal }: GateOptions, deadline: number): { signal: AbortSignal; done: () => void } {
	const expiry = new AbortController();
	const timer = new AbortController();
	const abort = () => expiry.abort();
	if (signal?.aborted) abort();
	signal?.addEventListener('abort', abort, { once: true });
	void clock.sleep(deadline - clock.now(), timer.signal).then((fired) => fired && abort());
	return {
		signal: expiry.signal,
		done: () => {
			timer.abort();
			signal?.removeEventListener('abort', abort);
		},
	};
}
