import type { Answer, Policy, Verdict } from '../policy';
import { Cycle } from './cycle';

/**
 * 429s in a row that say the limiter refuses everything, when they come too fast for a request
 * sent after the first of them to tell: fewer would stop for a bucket met a little too fast,
 * more costs the 429s of every request sent meanwhile.
 */
const STREAK = 4;
/** A probe's answer this many round trips late is lost: another probe goes. */
const OVERDUE_RTTS = 4;

/**
 * A window that ran out: when a 429 comes for a request sent after an earlier 429 came back,
 * with nothing accepted in between (or several come at once), slowing down did not help: the
 * limiter refuses everything until it reopens. Everyone waits and one probe goes at a time,
 * later and later, until one is accepted. A cycle with a quota (cycle.ts) then tells the pace to
 * start again; later cycles send that quota as the last one went, wait for the predicted
 * reopening, probe it closer, and now and then try one beyond the quota. A cycle of one
 * request, or a bucket's trickle, is a rate: the pace is told it.
 */
export class WindowPolicy implements Policy {
	private streak = 0;
	private streakAt = -Infinity;
	private lastRefusal = -Infinity;
	private closed = false;
	private closedAt = -Infinity;
	/** The hold's last probe, whether its answer is on its way, and how many went. */
	private probeAt = -Infinity;
	private probing = false;
	private probes = 0;
	/** The current cycle: its start, what it sent, and when each accepted request left, from its start. */
	private cycleStart = NaN;
	private sent = 0;
	private offsets: number[] = [];
	/** The cycle's last accepted request, and the last refused one sent after it. */
	private acceptedAt = -Infinity;
	private refusedAt = -Infinity;
	/** A request beyond the quota on its way; once one is accepted the cycle has no quota. */
	private overAt = -Infinity;
	private unbounded = false;
	private readonly cycle = new Cycle();
	/** When the learnt window reopens for this cycle: the last cycle's start, a reopening later. */
	private replayAt = -Infinity;
	private rtt = 1;

	earliest(): number {
		if (this.closed) {
			const c = Number.isNaN(this.cycleStart) ? this.closedAt : this.cycleStart;
			const last = Math.max(this.probeAt, this.closedAt) - c;
			// One probe at a time: another only when the last one's answer is long overdue.
			return c + Math.max(this.cycle.probeOffset(last, this.probes, this.rtt), last + this.rtt * (this.probing ? OVERDUE_RTTS : 1));
		}
		if (this.overAt > -Infinity) return this.overAt + this.rtt * OVERDUE_RTTS;
		// A learnt window frees its quota as the last cycle spent it (all at once, or one by one
		// as a sliding window does): the nth request of a cycle waits for the nth of the last one.
		const replay = this.replayAt + (this.cycle.profile[this.sent] ?? -Infinity);
		// A 429 came: wait for the next answer (or a round trip) before sending more, so a
		// window that ran out costs only the requests already in flight.
		return Math.max(replay, this.streak > 0 ? this.lastRefusal + this.rtt : -Infinity);
	}

	released(now: number): void {
		if (this.closed) {
			this.probeAt = now;
			this.probing = true;
			this.probes++;
			return;
		}
		// Past the predicted reopening the window has a new quota: a new cycle begins.
		if (now - this.cycleStart >= this.cycle.hi) this.startCycle(now, this.cycleStart + this.cycle.hi);
		if (this.unbounded || ++this.sent < this.cycle.quota) return;
		if (this.sent > this.cycle.quota) this.overAt = now;
		// The quota is sent: wait for the predicted reopening instead of meeting 429s.
		else if (!this.cycle.overQuotaDue) this.close(now);
	}

	answered(answer: Answer): Verdict {
		const { now, startedAt, ok } = answer;
		this.rtt = Math.max(1, answer.rttMs);
		if (startedAt >= this.probeAt) this.probing = false;
		const over = startedAt === this.overAt;
		if (over) {
			this.overAt = -Infinity;
			this.cycle.overQuotaProbed();
		}
		if (ok) {
			this.streak = 0;
			if (this.closed && startedAt > this.closedAt) return this.reopen(startedAt);
			// Until a cycle is learnt, one begins with the first request accepted after a 429.
			const fresh = this.cycle.hi === Infinity && startedAt > this.lastRefusal && !(this.cycleStart >= this.lastRefusal);
			if (Number.isNaN(this.cycleStart) || fresh) this.startCycle(startedAt);
			if (startedAt >= this.cycleStart) this.offsets.push(startedAt - this.cycleStart);
			this.acceptedAt = Math.max(this.acceptedAt, startedAt);
			// It was open again after that refusal: no bracket of a reopening.
			if (startedAt > this.refusedAt) this.refusedAt = -Infinity;
			this.cycle.accepted();
			// Beyond the quota and accepted: the quota rose; this cycle finds how far.
			if (over) this.unbounded = true;
			return {};
		}
		// A 429 another policy accounts for says nothing of the window.
		if (answer.explained) return {};
		if (startedAt >= this.cycleStart && startedAt > this.acceptedAt) this.refusedAt = Math.max(this.refusedAt, startedAt);
		if (this.closed) return { claimed: true };
		this.lastRefusal = now;
		if (this.streak++ === 0) this.streakAt = now;
		// In a learnt window a 429 says the window moved a little, nothing of a rate: the pace is not cut.
		if (!over && startedAt < this.streakAt && this.streak < STREAK) return { claimed: this.cycle.quota < Infinity };
		this.close(now);
		return { claimed: true };
	}

	private close(now: number): void {
		[this.closed, this.closedAt, this.probeAt, this.probing, this.probes] = [true, now, -Infinity, false, 0];
	}

	/** The probe sent at `startedAt` was accepted: the cycle ended, and a new one begins with it. */
	private reopen(startedAt: number): Verdict {
		const c = this.cycleStart;
		const hi = startedAt - c;
		const lo = Math.min(Math.max(this.refusedAt - c, 0), hi);
		// It reopened between the last refused request and this one.
		const seconds = (this.refusedAt >= c ? (lo + hi) / 2 : hi) / 1000;
		const accepted = this.offsets.length;
		const window = !Number.isNaN(c) && this.cycle.learn(this.offsets, this.closedAt - c, lo, hi, this.rtt);
		this.closed = false;
		this.startCycle(startedAt, window ? c + this.cycle.hi : -Infinity);
		this.sent = 1;
		this.offsets.push(0);
		this.acceptedAt = startedAt;
		if (window) return { restart: true };
		// A window's cycle cut short (met mid-way, or shared) tells no rate: its quota came faster.
		const cutShort = accepted >= 2 && hi - (this.closedAt - c) >= 2 * this.rtt;
		return seconds > 0 && !cutShort ? { measured: accepted / seconds } : {};
	}

	/** A cycle begins at `at`; `replayAt` when a learnt window reopened for it. */
	private startCycle(at: number, replayAt = this.replayAt): void {
		this.cycleStart = at;
		this.replayAt = replayAt;
		this.sent = 0;
		this.offsets = [];
		this.acceptedAt = this.refusedAt = -Infinity;
		this.unbounded = false;
	}
}
