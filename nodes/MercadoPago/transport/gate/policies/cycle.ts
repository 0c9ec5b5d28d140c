/**
 * Probes in the unknown go 1, 2, 4... round trips after the window ran out (a bucket refills
 * soon), but never later than this many times the time since the cycle began: higher costs
 * fewer 429s finding a long window's reopening, lower is less late for it.
 */
const PROBE_GROWTH = 1.3;
/**
 * Accepted requests per probe beyond the learnt quota: more costs fewer 429s against a steady
 * quota, fewer finds a raised one sooner.
 */
const OVER_QUOTA_EVERY = 128;

/**
 * What a window's cycles taught: the quota the limiter accepts from a reopening, and when it
 * reopens, as an offset from the cycle's first request bracketed between a time it was still
 * closed (lo) and one it was open again (hi). Brackets of cycles of one quota narrow each other.
 */
export class Cycle {
	quota = Infinity;
	lo = 0;
	hi = Infinity;
	/** When each accepted request of the last cycle left, from its start, in order. */
	profile: number[] = [];
	private sinceOverQuota = 0;

	/**
	 * A cycle ended with its accepted requests (`offsets`: when each left), spent by `spent`,
	 * reopening between `lo` and `hi`.
	 * A window stays closed for round trips after its quota ran out, however long the quota took
	 * to send; one request, a closure of a round trip or two (a bucket refilling) or far less than
	 * the last cycle (a bucket's trickle after its burst) is no window's quota: nothing is kept,
	 * and false says so.
	 */
	learn(offsets: number[], spent: number, lo: number, hi: number, rttMs: number): boolean {
		const accepted = offsets.length;
		if (accepted < 2 || hi - spent < 2 * rttMs || (this.quota < Infinity && accepted < this.quota / 2)) {
			this.quota = Infinity;
			this.lo = 0;
			this.hi = Infinity;
			this.profile = [];
			return false;
		}
		this.profile = offsets.sort((a, b) => a - b);
		// A bracket this cycle contradicts, or one of another quota, is replaced: the window moved.
		const overlap = lo < this.hi && hi > this.lo && accepted === this.quota;
		this.lo = overlap ? Math.max(this.lo, lo) : lo;
		this.hi = overlap ? Math.min(this.hi, hi) : hi;
		this.quota = accepted;
		return true;
	}

	/** Whether a request beyond the quota may go now, to find out whether it rose. */
	get overQuotaDue(): boolean {
		return this.sinceOverQuota >= OVER_QUOTA_EVERY;
	}

	accepted(): void {
		this.sinceOverQuota++;
	}

	overQuotaProbed(): void {
		this.sinceOverQuota = 0;
	}

	/**
	 * The next probe of a hold, as an offset from the cycle's start, after one at `last` and
	 * `probes` in all: the bracket's middle while it is wider than a round trip, its top; past
	 * it, or with no bracket, steps that double (from a round trip, or from the bracket's width),
	 * never more than PROBE_GROWTH times the offset.
	 */
	probeOffset(last: number, probes: number, rttMs: number): number {
		// A probe sent for a time (the timer may fire a little early or late) was the one for it.
		const due = (at: number) => this.hi < Infinity && last < at - 1;
		// Bisected down to a round trip: probes cannot tell finer. Each step costs at most one 429.
		const middle = (this.lo + this.hi) / 2;
		if (this.hi - this.lo > rttMs && due(middle)) return middle;
		if (due(this.hi)) return this.hi;
		const step = Math.max(rttMs, this.hi < Infinity ? this.hi - this.lo : 0);
		return Math.min(last + step * 2 ** probes, last * PROBE_GROWTH);
	}
}
