import type { Clock } from '../../shared/clock';

/** When the next request may leave, and what to tell when one leaves. */
export interface Schedule {
	/** Earliest time the next request may leave; a time not after `now` (or NaN) lets it go now. */
	nextRelease(now: number): number;
	/** A request left at `now`. */
	released(now: number): void;
}

interface Waiter {
	resolve: (startedAt: number | undefined) => void;
	/** Sent before and refused: it goes ahead of requests not yet sent. */
	again: boolean;
	signal?: AbortSignal;
	onAbort?: () => void;
	prev?: Waiter;
	next?: Waiter;
}

/**
 * The callers of one account, first come first served, behind one timer however many wait:
 * hundreds of executions cost one timer. A request the limiter refused queues again ahead of
 * those not yet sent, so the oldest item goes first. A stopped execution's waiters leave at
 * once; with nobody left the timer goes too.
 */
export class Queue {
	private head?: Waiter;
	private tail?: Waiter;
	/** The last waiter queued again: those not yet sent queue after it. */
	private lastAgain?: Waiter;
	private pumping = false;
	private wakeup?: AbortController;
	private lastHeld = false;

	constructor(
		private readonly clock: Clock,
		private readonly schedule: Schedule,
	) {}

	/** Resolves with the time the request may leave, or undefined if the signal aborted first. */
	take(signal: AbortSignal | undefined, again: boolean): Promise<number | undefined> {
		if (signal?.aborted) return Promise.resolve(undefined);
		const now = this.clock.now();
		if (this.head === undefined && !(this.schedule.nextRelease(now) > now)) {
			this.lastHeld = false;
			this.schedule.released(now);
			return Promise.resolve(now);
		}
		return new Promise((resolve) => {
			const waiter: Waiter = { resolve, again, signal };
			if (signal) {
				waiter.onAbort = () => {
					this.unlink(waiter);
					resolve(undefined);
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.insert(waiter);
			void this.pump();
		});
	}

	/** Whether the schedule, not the callers, holds requests back: someone waits, or the last one had to. */
	get held(): boolean {
		return this.head !== undefined || this.lastHeld;
	}

	/** Something changed the schedule: the timer computes the next turn again. */
	wake(): void {
		this.wakeup?.abort();
	}

	private insert(waiter: Waiter): void {
		const before = waiter.again ? (this.lastAgain ? this.lastAgain.next : this.head) : undefined;
		if (waiter.again) this.lastAgain = waiter;
		waiter.next = before;
		waiter.prev = before ? before.prev : this.tail;
		if (waiter.prev) waiter.prev.next = waiter;
		else this.head = waiter;
		if (before) before.prev = waiter;
		else this.tail = waiter;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.head) {
				const now = this.clock.now();
				const at = this.schedule.nextRelease(now);
				// NaN goes now too: a broken schedule may send early, never spin or stall.
				if (!(at > now)) {
					const waiter = this.head;
					this.unlink(waiter);
					if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
					this.lastHeld = true;
					this.schedule.released(now);
					waiter.resolve(now);
					continue;
				}
				const wakeup = new AbortController();
				this.wakeup = wakeup;
				await this.clock.sleep(at - now, wakeup.signal);
				this.wakeup = undefined;
			}
		} finally {
			this.pumping = false;
		}
	}

	private unlink(waiter: Waiter): void {
		if (waiter.prev) waiter.prev.next = waiter.next;
		else if (this.head === waiter) this.head = waiter.next;
		else return;
		if (waiter.next) waiter.next.prev = waiter.prev;
		else this.tail = waiter.prev;
		if (this.lastAgain === waiter) this.lastAgain = waiter.prev?.again ? waiter.prev : undefined;
		waiter.prev = waiter.next = undefined;
		// With nobody left the timer must go too: nothing may outlive the executions.
		if (this.head === undefined) this.wake();
	}
}
