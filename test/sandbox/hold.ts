/**
 * Events a test can wait for instead of sleeping: requests arriving, and answers held until
 * the test lets them go. What a test would otherwise check with a sleep racing an answer
 * ("while the first is in flight…") becomes an order of events that no machine's speed changes.
 */

/** Counts arrivals; `arrived(n)` resolves once there were n. */
export class Arrivals {
	private arrivals = 0;
	private readonly waiting: Array<{ count: number; resolve: () => void }> = [];

	get count(): number {
		return this.arrivals;
	}

	arrived(count = 1): Promise<void> {
		if (this.arrivals >= count) return Promise.resolve();
		return new Promise((resolve) => this.waiting.push({ count, resolve }));
	}

	/** One more arrived. */
	add(): void {
		this.arrivals++;
		for (const waiter of this.waiting.filter((w) => w.count <= this.arrivals)) {
			this.waiting.splice(this.waiting.indexOf(waiter), 1);
			waiter.resolve();
		}
	}
}

/**
 * The held requests of a 'hold' fault (sandbox.hold()): each is decided on arrival as usual
 * (the idempotency lock, the state change), and its answer waits for release().
 */
export class Hold extends Arrivals {
	private open!: () => void;
	/** Resolves on release(): when the held answers go out. */
	readonly released = new Promise<void>((resolve) => (this.open = resolve));

	/** Lets every held answer, and any later one, go out. */
	release(): void {
		this.open();
	}
}
