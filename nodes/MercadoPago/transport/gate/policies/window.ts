import type { Answer, Policy, Verdict } from '../policy';

/**
 * In the unknown, probes go 1, 2, 4... round trips after the window ran out (a bucket refills
 * soon), but never later than this many times the time since the cycle began: higher costs
 * fewer 429s finding a long window's reopening, lower is less late for it.
 */
const PROBE_GROWTH = 1.3;
/**
 * 429s in a row that say the limiter refuses everything, when they come too fast for a request
 * sent after the first of them to tell: fewer would stop for a bucket met a little too fast,
 * more costs the 429s of every request sent meanwhile.
 */
const STREAK = 4;
/** A probe's answer this many round trips late is lost: another probe goes. */
const OVERDUE_RTTS = 4;
/** The reopening is bracketed across cycles until the bracket is this narrow (share of it): each step costs at most one 429. */
const BRACKET = 1 / 16;

/**
 * A window that ran out: when a 429 comes for a request sent after an earlier 429 came back,
 * with nothing accepted in between, slowing down did not help: the limiter refuses everything
 * until it reopens (a window's quota is spent, or a bucket is empty). Everyone waits and one
 * probe goes at a time, later and later, until one is accepted. The gate then knows a cycle:
 * the quota the limiter accepted from its start, and when it reopened, bracketed between the
 * last refused probe and the accepted one. Later cycles send that quota, then wait for the
 * predicted reopening instead of meeting 429s, and narrow the bracket by probing its middle.
 */
export class WindowPolicy implements Policy {
	/** Arrival of the first 429 since the last accepted answer, and how many came since. */
	private streakAt = -Infinity;
	private streak = 0;
	private lastRefusal = -Infinity;
	private closed = false;
	private closedAt = -Infinity;
	/** When the last probe of this hold left, whether its answer is still on its way, and how many went. */
	private probeAt = -Infinity;
	private probing = false;
	private probes = 0;
	/** The current cycle: when its first accepted request left, and what it sent and got. */
	private cycleStart = NaN;
	private sentInCycle = 0;
	private acceptedInCycle = 0;
	/** The latest request of this cycle refused: the limiter was still closed then. */
	private refusedAt = -Infinity;
	/** Learnt: the quota of a cycle, and its reopening bracketed, ms after its start. */
	private quota = Infinity;
	private lo = 0;
	private hi = Infinity;
	private rtt = 0;

	earliest(): number {
		if (this.closed) return this.nextProbe();
		// A 429 came: wait for the next answer (or a round trip) before sending more, so a
		// window that ran out costs only the requests already in flight.
		return this.streak > 0 ? this.lastRefusal + Math.max(1, this.rtt) : -Infinity;
	}

	released(now: number): void {
		if (this.closed) {
			this.probeAt = now;
			this.probing = true;
			this.probes++;
			return;
		}
		// Past the predicted reopening the window has a new quota: a new cycle begins.
		if (now - this.cycleStart >= this.hi) this.startCycle(now);
		// The learnt quota is sent: wait for the predicted reopening instead of meeting 429s.
		if (++this.sentInCycle >= this.quota) this.close(now);
	}

	answered(answer: Answer): Verdict {
		const { now, startedAt, ok } = answer;
		this.rtt = answer.rttMs;
		if (startedAt >= this.probeAt) this.probing = false;
		if (ok) {
			this.streakAt = -Infinity;
			this.streak = 0;
			if (this.closed && startedAt > this.closedAt) return this.reopen(startedAt);
			// Until a cycle is learnt, one begins with the first request accepted after a 429: the
			// limiter let it through again, whatever came before.
			if (Number.isNaN(this.cycleStart) || (this.hi === Infinity && startedAt > this.lastRefusal)) {
				if (!(this.cycleStart >= this.lastRefusal)) this.startCycle(startedAt);
			}
			if (startedAt >= this.cycleStart) this.acceptedInCycle++;
			return {};
		}
		// A 429 another policy accounts for says nothing of the window.
		if (answer.explained) return {};
		if (startedAt >= this.cycleStart) this.refusedAt = Math.max(this.refusedAt, startedAt);
		if (this.closed) return { claimed: true };
		this.lastRefusal = now;
		if (this.streak++ === 0) this.streakAt = now;
		if (startedAt < this.streakAt && this.streak < STREAK) return {};
		this.close(now);
		return { claimed: true };
	}

	private close(now: number): void {
		this.closed = true;
		this.closedAt = now;
		this.probeAt = -Infinity;
		this.probing = false;
		this.probes = 0;
	}

	/**
	 * The next probe, as an offset from the cycle's start: the bracket's middle while it is wide,
	 * its top; past it, or with no bracket, steps that double (from a round trip, or from the
	 * bracket's width), never more than PROBE_GROWTH times the offset.
	 */
	private nextProbe(): number {
		const c = Number.isNaN(this.cycleStart) ? this.closedAt : this.cycleStart;
		const last = Math.max(this.probeAt, this.closedAt) - c;
		// A probe sent for a time (the timer may fire a little early or late) was the one for it.
		const due = (at: number) => this.hi < Infinity && last < at - 1;
		const rtt = Math.max(1, this.rtt);
		const middle = (this.lo + this.hi) / 2;
		let next: number;
		if (this.hi - this.lo > BRACKET * this.hi && due(middle)) next = middle;
		else if (due(this.hi)) next = this.hi;
		else {
			const step = this.hi < Infinity ? Math.max(this.hi - this.lo, BRACKET * this.hi) : rtt;
			next = Math.min(last + step * 2 ** this.probes, last * PROBE_GROWTH);
		}
		// One probe at a time: another only when the last one's answer is long overdue.
		return c + Math.max(next, last + rtt * (this.probing ? OVERDUE_RTTS : 1));
	}

	/**
	 * The probe sent at `startedAt` was accepted: a cycle ended. A window's quota is learnt, and
	 * the pace starts again to send it; one request a cycle, or far less than the last cycle (a
	 * bucket's trickle after its burst), is a rate: the pace is told it, and nothing is learnt.
	 */
	private reopen(startedAt: number): Verdict {
		// It reopened between the last refused request and this one.
		const reopenedAt = this.refusedAt >= this.cycleStart ? (this.refusedAt + startedAt) / 2 : startedAt;
		const seconds = (reopenedAt - this.cycleStart) / 1000;
		let verdict: Verdict;
		if (this.acceptedInCycle < 2 || (this.quota < Infinity && this.acceptedInCycle < this.quota / 2)) {
			verdict = seconds > 0 ? { measured: this.acceptedInCycle / seconds } : {};
			this.quota = Infinity;
			this.lo = 0;
			this.hi = Infinity;
		} else {
			verdict = { restart: true };
			const hi = startedAt - this.cycleStart;
			const lo = Math.min(Math.max(this.refusedAt - this.cycleStart, 0), hi);
			// The brackets of two cycles of one quota narrow each other; one this cycle contradicts,
			// or of a cycle that got another quota, is replaced: the limit or the window moved.
			const overlap = lo < this.hi && hi > this.lo && this.acceptedInCycle === this.quota;
			this.lo = overlap ? Math.max(this.lo, lo) : lo;
			this.hi = overlap ? Math.min(this.hi, hi) : hi;
			this.quota = this.acceptedInCycle;
		}
		this.closed = false;
		this.startCycle(startedAt);
		this.sentInCycle = this.acceptedInCycle = 1;
		return verdict;
	}

	private startCycle(at: number): void {
		this.cycleStart = at;
		this.sentInCycle = this.acceptedInCycle = 0;
		this.refusedAt = -Infinity;
	}
}
