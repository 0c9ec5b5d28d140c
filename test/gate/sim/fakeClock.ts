/**
 * A discrete-event clock: time only moves when every callback and promise due now has run,
 * then jumps to the next timer. A run of many simulated seconds takes milliseconds.
 */
import { MAX_TIMER_MS, type Clock } from '../../../nodes/MercadoPago/shared/clock';

interface Timer {
	at: number;
	seq: number;
	fire: () => void;
	cancelled: boolean;
}

export class FakeClock implements Clock {
	private t: number;
	private seq = 0;
	private readonly heap: Timer[] = [];
	private lastAt = NaN;
	private firedAtLastAt = 0;
	/** The longest wait asked of this clock, so a test can check none exceeds what Node can time. */
	longestSleepMs = 0;
	/** Timers neither fired nor cancelled: what would keep a real process alive. */
	live = 0;

	constructor(start = 0) {
		this.t = start;
	}

	now(): number {
		return this.t;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
		this.longestSleepMs = Math.max(this.longestSleepMs, ms);
		if (signal?.aborted) return Promise.resolve(false);
		const wait = Math.min(MAX_TIMER_MS, Math.max(0, Number.isFinite(ms) ? ms : ms > 0 ? MAX_TIMER_MS : 0));
		return new Promise((resolve) => {
			const timer: Timer = { at: this.t + wait, seq: this.seq++, cancelled: false, fire: () => resolve(true) };
			const onAbort = () => {
				timer.cancelled = true;
				this.live--;
				resolve(false);
			};
			if (signal) {
				signal.addEventListener('abort', onAbort, { once: true });
				timer.fire = () => {
					signal.removeEventListener('abort', onAbort);
					resolve(true);
				};
			}
			this.live++;
			this.push(timer);
		});
	}

	/** Runs until no timer is left, or until `until` (simulated ms); returns the time reached. */
	async run(until = Infinity): Promise<number> {
		await this.runWhile(() => true, until);
		if (until !== Infinity) this.t = Math.max(this.t, until);
		return this.t;
	}

	/** Runs while `condition` holds (checked whenever time is about to move), at most until `until`. */
	async runWhile(condition: () => boolean, until = Infinity): Promise<void> {
		await settle();
		while (condition() && this.heap.length > 0 && this.heap[0].at <= until) {
			const at = this.heap[0].at;
			this.t = Math.max(this.t, at);
			// A timer that keeps asking for 0 ms would hold the clock still forever.
			if (at === this.lastAt && ++this.firedAtLastAt > 100_000) throw new Error(`busy loop at ${at} ms`);
			if (at !== this.lastAt) {
				this.lastAt = at;
				this.firedAtLastAt = 0;
			}
			// Everything due at this instant fires before the promises it wakes get to run.
			while (this.heap.length > 0 && this.heap[0].at === at) {
				const timer = this.pop();
				if (!timer.cancelled) {
					this.live--;
					timer.fire();
				}
			}
			await settle();
		}
	}

	private push(timer: Timer): void {
		const h = this.heap;
		h.push(timer);
		let i = h.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(h[i], h[parent])) break;
			[h[i], h[parent]] = [h[parent], h[i]];
			i = parent;
		}
	}

	private pop(): Timer {
		const h = this.heap;
		const top = h[0];
		const last = h.pop()!;
		if (h.length > 0) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && before(h[l], h[m])) m = l;
				if (r < h.length && before(h[r], h[m])) m = r;
				if (m === i) break;
				[h[i], h[m]] = [h[m], h[i]];
				i = m;
			}
		}
		return top;
	}
}

function before(a: Timer, b: Timer): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lets every queued promise reaction run: a macrotask comes after the whole microtask queue. */
function settle(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
