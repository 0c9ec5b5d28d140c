/**
 * A RateGate on the fake clock, driven only through its public interface: take turns, answer
 * them, read when requests were let go.
 */
import { RateGate } from '../../nodes/MercadoPago/transport/gate';
import { FakeClock } from './sim/fakeClock';

export const RTT = 25;

export interface Turn {
	at?: number;
	done: boolean;
}

export class GateHarness {
	readonly clock = new FakeClock();
	readonly gate = new RateGate({ clock: this.clock });

	/** Asks for a turn; `turn.at` is the start time once let go (undefined if aborted). */
	take(signal?: AbortSignal, again = false): Turn {
		const turn: Turn = { done: false };
		void this.gate.acquire(signal, again).then((at) => {
			turn.at = at;
			turn.done = true;
		});
		return turn;
	}

	/** Runs the clock `ms` forward. */
	async advance(ms: number): Promise<void> {
		await this.clock.run(this.clock.now() + ms);
	}

	/** Runs the clock until `turn` is let go (at most `withinMs`); its start time. */
	async turn(turn: Turn = this.take(), withinMs = 600_000): Promise<number> {
		await this.clock.runWhile(() => !turn.done, this.clock.now() + withinMs);
		if (turn.at === undefined) throw new Error(`no turn within ${withinMs} ms`);
		return turn.at;
	}

	/** One request: its turn, then its answer a round trip later; returns its start time. */
	async send(ok: boolean, retryAfterMs?: number, rtt = RTT): Promise<number> {
		const at = await this.turn();
		await this.advance(rtt - (this.clock.now() - at));
		if (ok) this.gate.accepted(at);
		else this.gate.throttled(at, retryAfterMs);
		return at;
	}

	/** `n` callers that each send, answered by `answer` (true: accepted), for `ms`; the start times. */
	async run(n: number, ms: number, answer: (at: number) => boolean | { retryAfterMs: number }, rtt = RTT): Promise<number[]> {
		const starts: number[] = [];
		const end = this.clock.now() + ms;
		const caller = async () => {
			while (this.clock.now() < end) {
				const at = await this.gate.acquire();
				if (at === undefined) return;
				starts.push(at);
				await this.clock.sleep(rtt);
				const verdict = answer(at);
				if (verdict === true) this.gate.accepted(at);
				else this.gate.throttled(at, verdict === false ? undefined : verdict.retryAfterMs);
			}
		};
		const callers = Array.from({ length: n }, caller);
		await this.clock.run(end);
		// Callers still waiting for a turn are let go or dropped: the test reads `starts` only.
		void callers;
		return starts.filter((at) => at < end);
	}
}

/** Requests per second over the start times between `from` and `to`. */
export function rateBetween(starts: number[], from: number, to: number): number {
	return (starts.filter((at) => at >= from && at < to).length * 1000) / (to - from);
}
