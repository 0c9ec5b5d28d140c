/**
 * The pace: the one number the gate learns, requests per second, the way AWS SDK v3's adaptive
 * retry mode and TCP CUBIC (RFC 9438) learn theirs: a slow start that doubles it every round trip
 * until the first 429; a multiplicative decrease on a 429, once per round; and a cubic climb back
 * to the pace of the last 429, flat near it and steeper beyond, so a limit that lifts is found.
 * It grows only while callers wait for it: a pace nobody uses proves nothing, and cannot run away.
 */

/** Cut factor (CUBIC's β): lower costs throughput after every 429, higher costs more 429s to settle. */
const BETA = 0.8;
/**
 * Accepted answers the climb takes to get back to the last 429's pace (CUBIC's K, counted in
 * answers so it holds at any rate): more means fewer 429s per answer, fewer a lifted limit found sooner.
 */
const CLIMB_ANSWERS = 120;
/** Until the first answer tells the round trip, one request per this long: a lost answer cannot stall the start. */
const START_TICK_MS = 250;
/** Answers a cut reads the accepted share from: more is steadier, fewer follows a change sooner. */
export const RING = 16;
/** Bounds of the pace, requests per second (not tuned): a run always moves, and no number runs away. */
const MIN_RATE = 0.5;
const MAX_RATE = 10_000;

export class Pace {
	/** Requests per second. */
	private rate = 1000 / START_TICK_MS;
	/** Smoothed round trip, ms; 0 until the first answer. */
	private rtt = 0;
	private starting = true;
	/** The pace the last cut measured as accepted: where the climb flattens. */
	private ceiling = 0;
	private cutAt = -Infinity;
	/** Accepted answers, with callers waiting, since the last cut. */
	private climbed = 0;
	private lastRelease = -Infinity;
	private everAccepted = false;
	/** The last answers (accepted or not), and the pace each of the last requests left at. */
	private readonly ring = new Array<boolean>(RING).fill(true);
	private ringAt = 0;
	private accepted = RING;
	private readonly releases = new Array<number>(RING).fill(-Infinity);
	private readonly paces = new Array<number>(RING).fill(0);
	private releaseAt = 0;

	get rttMs(): number {
		return this.rtt;
	}

	nextRelease(): number {
		return this.lastRelease + 1000 / this.rate;
	}

	released(now: number): void {
		this.lastRelease = now;
		this.releases[this.releaseAt] = now;
		this.paces[this.releaseAt] = this.rate;
		this.releaseAt = (this.releaseAt + 1) % RING;
	}

	/** An answer other than 429; `held` when the gate holds callers back. */
	onAccepted(now: number, startedAt: number, held: boolean): void {
		this.measure(now, startedAt, true);
		this.everAccepted = true;
		if (!held) return;
		if (this.starting) {
			// One answer per request in flight: doubling per round trip, per answer below one in flight.
			this.setRate(this.rate * 2 ** (1 / Math.max(1, (this.rate * this.rtt) / 1000)));
		} else if (startedAt >= this.cutAt) {
			this.climbed++;
			const g = this.climbed / CLIMB_ANSWERS - 1;
			this.setRate(Math.max(this.rate, this.ceiling * (1 + (1 - BETA) * g ** 3)));
		}
	}

	/** A 429 a policy accounts for: it tells the round trip, nothing of the pace. */
	onExplained(now: number, startedAt: number): void {
		this.timeRound(now, startedAt);
	}

	/** A 429 that says the pace is too high: cut it, once per round. */
	onThrottled(now: number, startedAt: number): void {
		this.measure(now, startedAt, false);
		// Requests sent before the last cut went too fast already; and before anything was
		// accepted a 429 tells no pace (a window closed, or a gateway's hiccup): holds deal with it.
		if (startedAt < this.cutAt || !this.everAccepted) return;
		// Below the last 429's pace, a lone 429 (no other among the last answers) is not the
		// limiter's doing unless its limit fell, which more 429s will show.
		if (!this.starting && this.rate < this.ceiling && this.accepted >= RING - 1) return;
		// The limiter let through this share of what went at the pace the refused request left at
		// (the start doubled it since): that is its rate.
		this.ceiling = Math.max(MIN_RATE, (this.paceAt(startedAt) * Math.max(1, this.accepted)) / RING);
		this.setRate(BETA * this.ceiling);
		this.starting = false;
		this.cutAt = now;
		this.climbed = 0;
	}

	/** A policy measured the rate the limiter accepts: the pace goes there, and climbs on from it. */
	measured(now: number, perSecond: number): void {
		this.ceiling = Math.max(MIN_RATE, perSecond);
		this.setRate(Math.min(this.rate, this.ceiling));
		this.starting = false;
		this.cutAt = now;
		this.climbed = CLIMB_ANSWERS;
	}

	/** A window opened again with a whole quota: start again from one request per round trip. */
	restart(): void {
		this.starting = true;
		this.cutAt = -Infinity;
		this.setRate(Math.min(this.rate, 1000 / Math.max(1, this.rtt)));
		this.ring.fill(true);
		this.accepted = RING;
	}

	/** Whether a request that left at `at` left below the pace the last 429 came at, after a cut. */
	underCeiling(at: number): boolean {
		return !this.starting && this.paceAt(at) < this.ceiling;
	}

	/** The pace when a request that left at `at` left: the latest release not after it, else the oldest known. */
	private paceAt(at: number): number {
		let best = -1;
		for (let i = 0; i < RING; i++) {
			if (this.releases[i] <= at && (best < 0 || this.releases[i] > this.releases[best])) best = i;
		}
		return best < 0 || this.releases[best] === -Infinity ? this.paces[this.releaseAt] || this.rate : this.paces[best];
	}

	private timeRound(now: number, startedAt: number): void {
		const sample = Math.max(1, now - startedAt);
		if (this.rtt === 0) {
			this.rtt = sample;
			// The start's doubling begins at one request per round trip.
			if (this.starting) this.setRate(Math.max(this.rate, 1000 / sample));
		} else this.rtt += (sample - this.rtt) / 8;
	}

	private measure(now: number, startedAt: number, ok: boolean): void {
		this.timeRound(now, startedAt);
		this.accepted += Number(ok) - Number(this.ring[this.ringAt]);
		this.ring[this.ringAt] = ok;
		this.ringAt = (this.ringAt + 1) % RING;
	}

	private setRate(rate: number): void {
		this.rate = Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
	}
}
