/**
 * The rate gate: one per Mercado Pago account per process, in front of every request of
 * every execution that uses the account. It knows nothing of HTTP: callers say when a request
 * may start (`acquire`) and what came back (`accepted`, `throttled`).
 *
 * Design. Mercado Pago publishes no limits, so the gate assumes no shape: a token bucket of
 * any burst, a fixed or sliding window of any length, Retry-After honest, rounded, made up or
 * absent all look alike to it. It learns one number, the pace (requests per second), from
 * what the answers say, and spaces every request of every execution by it:
 * - Start: one request, then a pace that doubles every round trip until the first 429, so a
 *   batch reaches full speed in a few round trips and a small limit costs a few 429s. Until
 *   the first answer one more goes every 250 ms, and the doubling never starts below that.
 * - Cut: a 429 lowers the pace to 0.9 x the pace it came at (further, down to half, when most
 *   recent answers were 429s), once per round: answers to requests sent before the cut say
 *   nothing new.
 * - Hold: a 429 right after a cut, with nothing accepted since, means pacing is not the
 *   problem (a window ran out, or the pace is far too high): everyone waits and one probe
 *   goes at a time, spaced 1, 2, 4... round trips up to a second (half of a longer
 *   Retry-After), and never later than the time Retry-After names. The first accepted probe
 *   ends it, and the pace is set from what the limiter accepted between its last two
 *   reopenings (a window's quota over its length), or over the last stretch of them (20 times
 *   the hold, at least 1 s) when that was more: a limit that rose within a long cycle is not
 *   averaged with the one before. Retry-After is advice: a server that says
 *   5 s while it refills in 10 ms loses one probe, not 5 s. Until the gate has seen one
 *   request accepted, though, nothing contradicts a Retry-After: nobody goes before the time
 *   it names, so a first request that meets a 429 waits as asked.
 * - Climb: after a cut the pace climbs back to where the 429 came (slowly near it: 2 s and at
 *   least 60 accepted answers, fewer at slow paces), then probes above it faster and faster,
 *   at most 5 % per round trip and never beyond twice what callers use; after a hold it
 *   probes by time only, since a window hides an excess until it runs out. A lifted limit is
 *   found again in a few seconds; a limit that drops is met by cuts and holds and learnt again.
 * - Background: a limiter stops refusing once the pace is under it; a flaky gateway, or another
 *   app spending the same account, refuses a share of requests whatever the pace, and cutting
 *   for each of those 429s would take the pace to the floor. So, once paced, the gate keeps
 *   samples of the share accepted at the pace it sent at (48 answers or 8 429s each, the last
 *   four; the start and holds excluded: a burst or a lone probe says nothing of a pace).
 *   Against a limiter that share grows as the pace falls; when two samples in a row, each sent
 *   at least 1.3x slower than an earlier one, gained much less than that, slowing down did not
 *   help: their 429 share becomes the background, and the start's doubling begins again from
 *   the faster pace. From then on a 429 cuts or holds only when the last 64 answers hold
 *   clearly more 429s than the background predicts (mean + 3 sd). The background fades answer
 *   by answer, so it must keep proving itself; when the gateway heals, every 429 counts again.
 *   Until samples have told, no cut goes below 0.4 x the rate the last sample saw
 *   accepted, and a first answer that is a 429 does not cut: a limiter lets the first through.
 * Retry-After 0 is no exception: a 429 always cuts, and a hold always spaces its probes.
 * Every caller waits in one queue behind one timer, so hundreds of executions cost one timer,
 * and the state is a few numbers and small rings: memory and work per call are constant.
 */
import { systemClock, type Clock } from '../shared/clock';

/** Cut factor: the pace after a 429 is this share of the pace the 429 came at. */
const BETA = 0.9;
/** The deepest single cut, for answers that were mostly 429s. */
const DEEPEST_CUT = 0.5;
/** Requests per second the gate never goes below, so a run always moves. */
const MIN_RATE = 0.5;
/** Back near the last 429's pace only after this many accepted answers... */
const PLATEAU_ANSWERS = 60;
/** ... and this long; one 429 per climb keeps the 429 share small at any rate. */
const PLATEAU_MS = 2_000;
/** At slow paces the answers that period brings at the last 429's pace count instead, but at least this many. */
const MIN_PLATEAU_ANSWERS = 4;
/** Above it, the probing clock: a unit here is 10 % above the last 429's pace. */
const CONVEX_MS = 2_000;
/** After a hold the probing is slower: a window hides an excess until it runs out. */
const HELD_CONVEX_MS = 4_000;
/** Growth per round trip, at most: a 429 takes a round trip to come back. */
const GROWTH_PER_RTT = 1.05;
/** Size of the rings of recent releases and answers. */
const RING = 16;
/** Before any answer, one more request per this long, so a lost answer cannot stall a start. */
const START_TICK_MS = 250;
/** Probe spacing stops doubling here when no Retry-After asks for longer. */
const PROBE_CAP_MS = 1_000;
/** No Retry-After is followed further than this. */
const MAX_HOLD_MS = 60_000;
/** A hold's measure of the accepted rate may cut below this share only with this many answers over this long: less is a bucket's noise. */
const UNTRUSTED_CUT = 0.3;
const TRUSTED_ANSWERS = 8;
const TRUSTED_MS = 500;
/** Answers per sample of the 429 share at one pace; a sample at a high share closes sooner. */
const SAMPLE_ANSWERS = 48;
const SAMPLE_REFUSALS = 8;
const SAMPLE_MIN_ANSWERS = 16;
/** Samples kept to compare the latest with. */
const SAMPLES = 4;
/** A sample is compared only with one sent this much faster... */
const SLOWER = 1.3;
/** ... and only when both saw this many 429s: fewer says nothing of a share. */
const SAMPLE_MIN_REFUSALS = 3;
/** A cut goes no lower than this share of the rate the last sample saw accepted. */
const FLOOR_SHARE = 0.4;
/** Answers the 429 share is judged on against the background. */
const EXCESS_RING = 64;
/** 429s beyond the background's share by this many standard deviations are the limiter's. */
const EXCESS_SD = 3;
/** The background share loses this part of itself per answer; below the floor it is forgotten. */
const BACKGROUND_FADE = 1 / 4096;
const BACKGROUND_FLOOR = 0.02;
/** Accepted answers are counted per slice of this long, over the last SLICES of them. */
const SLICE_MS = 100;
const SLICES = 256;
/** A hold also measures the last stretch of a long cycle: this many times the hold's length, at least this long. */
const LOOKBACK_HOLDS = 20;
const LOOKBACK_MIN_MS = 1_000;
/** A pause longer than this starts a new measuring cycle: idle time says nothing of the limit. */
const IDLE_MS = 1_000;

interface Waiter {
	resolve: (startedAt: number | undefined) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
	prev?: Waiter;
	next?: Waiter;
}

export class RateGate {
	private readonly clock: Clock;

	// ---- the queue: FIFO, one timer for everyone ----
	private head?: Waiter;
	private tail?: Waiter;
	private pumping = false;
	private wakeup?: AbortController;

	// ---- start, before the first 429 ----
	private started = false;
	private firstRelease = 0;
	private released = 0;
	/** Smoothed round trip, ms; 0 until the first answer. */
	private rtt = 0;
	private firstAnswer = 0;

	// ---- the pace ----
	private paced = false;
	/** Requests per second. */
	private rate = Infinity;
	private rateAt = 0;
	/** Pace at the last 429 (the top of the climb). */
	private ceiling = Infinity;
	private nextSlot = -Infinity;
	private lastCut = -Infinity;
	private acceptedAfterCut = true;
	private acceptedSinceCut = 0;
	private plateauAt = Infinity;
	private plateauAnswers = 0;
	private convexMs = CONVEX_MS;

	// ---- the hold ----
	private holding = false;
	private holdStart = 0;
	private probeDelay = 0;
	private probeCap = PROBE_CAP_MS;
	private nextProbe = 0;
	private lastRefusedProbe = -Infinity;
	/** When the last Retry-After said to come back. */
	private advisedAt = -Infinity;
	/** Accepted since the cycle began (the last hold ended, or the gate started or woke). */
	private cycleStart = 0;
	private acceptedInCycle = 0;
	/** Accepted answers per time slice, the latest at `sliceAt`: the recent part of a long cycle. */
	private readonly slices = new Array<number>(SLICES).fill(0);
	private sliceAt = 0;
	private lastRelease = -Infinity;
	/** Whether any request was accepted yet, and until when Retry-After closed the gate before. */
	private evidence = false;
	private closedUntil = -Infinity;

	// ---- rings ----
	private readonly sentAt = new Array<number>(RING).fill(-Infinity);
	private sentI = 0;
	private readonly answerOk = new Array<boolean>(RING).fill(true);
	private answerI = 0;
	private okCount = RING;

	// ---- the background share of 429s, and the samples that find it ----
	/** Share of requests refused whatever the pace; 0 while none is known. */
	private background = 0;
	private readonly recentOk = new Array<boolean>(EXCESS_RING).fill(true);
	private recentI = 0;
	private recentRefused = 0;
	/** The open sample: requests released since `sampleStart` outside holds, and their answers. */
	private sampleStart = 0;
	private sampleReleases = 0;
	private sampleAnswers = 0;
	private sampleRefused = 0;
	/** Closed samples: the rate they were sent at and the share of them accepted. */
	private readonly sampleRates = new Array<number>(SAMPLES).fill(0);
	private readonly sampleShares = new Array<number>(SAMPLES).fill(1);
	private readonly sampleAccepted = new Array<number>(SAMPLES).fill(1);
	private sampleI = 0;
	/** Whether the last sample already looked like the background. */
	private suspect = false;

	constructor(options: { clock?: Clock } = {}) {
		this.clock = options.clock ?? systemClock;
	}

	/** Waits for a request's turn; resolves with its start time, undefined if the signal aborted. */
	acquire(signal?: AbortSignal): Promise<number | undefined> {
		if (signal?.aborted) return Promise.resolve(undefined);
		const now = this.clock.now();
		if (this.head === undefined && this.releaseTime(now) <= now) {
			this.release(now);
			return Promise.resolve(now);
		}
		return new Promise((resolve) => {
			const waiter: Waiter = { resolve, signal };
			if (signal) {
				// Stopping one execution takes only its own waiters out of the queue.
				waiter.onAbort = () => {
					this.unlink(waiter);
					resolve(undefined);
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			waiter.prev = this.tail;
			if (this.tail) this.tail.next = waiter;
			else this.head = waiter;
			this.tail = waiter;
			void this.pump();
		});
	}

	/** The request that started at `startedAt` got an answer other than 429. */
	accepted(startedAt: number): void {
		const now = this.clock.now();
		this.answered(now, startedAt, true);
		this.sampled(now, startedAt, true);
		this.acceptedInCycle++;
		this.countSlice(now);
		const contradicted = !this.evidence && this.closedUntil > now;
		this.evidence = true;
		if (startedAt >= this.lastCut) {
			this.acceptedAfterCut = true;
			this.acceptedSinceCut++;
		}
		const ending = this.holding && startedAt >= this.holdStart;
		if (ending) this.endHold(now, startedAt);
		// Only the start, a Retry-After proved long and the end of a hold make the next turn earlier.
		if (ending || contradicted || !this.paced) this.wake();
	}

	/** ... got a 429; `retryAfterMs` when the answer carried Retry-After (may be 0). */
	throttled(startedAt: number, retryAfterMs: number | undefined): void {
		const now = this.clock.now();
		this.answered(now, startedAt, false);
		this.sampled(now, startedAt, false);
		const advice = retryAfterMs !== undefined && retryAfterMs >= 0 ? Math.min(retryAfterMs, MAX_HOLD_MS) : undefined;
		if (!this.evidence && advice !== undefined) this.closedUntil = Math.max(this.closedUntil, now + advice);
		if (this.holding) {
			if (startedAt >= this.holdStart) this.refusedProbe(now, startedAt, advice);
			return;
		}
		// Requests sent before the last cut were sent too fast already: no second cut for them.
		if (startedAt < this.lastCut) return;
		// A 429 the background explains says nothing about the pace; neither does a first answer
		// that is a 429: a limiter lets the first request through, a flaky gateway may not.
		if (this.background > 0 && !this.excess()) return;
		if (!this.evidence && this.okCount === RING - 1) return;
		if (this.paced && !this.acceptedAfterCut) this.startHold(now, advice);
		else this.cut(now, startedAt);
	}

	private cut(now: number, startedAt: number): void {
		// Before the first 429 the pace grew faster than requests went: take what was used.
		const basis = this.paced ? this.rate : Math.min(this.startRate(startedAt), this.sentRate(now));
		// Far over the limit most recent answers are 429s: cut by the share that got through.
		const share = Math.min(1, Math.max(DEEPEST_CUT / BETA, this.okCount / RING));
		this.ceiling = Math.max(basis * share, this.floor() / BETA);
		this.setRate(now, this.ceiling * BETA);
		// The start's answers say nothing of a pace (a burst serves them): samples begin here.
		if (!this.paced) this.openSample(now);
		this.paced = true;
		this.lastCut = now;
		this.acceptedAfterCut = false;
		this.climbFrom(CONVEX_MS);
		this.nextSlot = now + 1000 / this.rate;
	}

	private startHold(now: number, advice: number | undefined): void {
		this.holding = true;
		this.holdStart = now;
		this.lastRefusedProbe = -Infinity;
		// Half the advice: a Retry-After that is honest is met by `advisedAt`, one that is short
		// of the truth costs at most half of it past the reopening.
		this.probeCap = Math.max(PROBE_CAP_MS, (advice ?? 0) / 2);
		this.probeDelay = Math.min(this.probeCap, Math.max(1000 / this.rate, this.rtt));
		this.advisedAt = advice === undefined ? -Infinity : now + advice;
		this.nextProbe = this.probeAfter(now);
	}

	private refusedProbe(now: number, startedAt: number, advice: number | undefined): void {
		this.probeDelay = Math.min(this.probeCap, this.probeDelay * 2);
		this.lastRefusedProbe = Math.max(this.lastRefusedProbe, startedAt);
		if (advice !== undefined) this.advisedAt = now + advice;
		this.nextProbe = this.probeAfter(now);
		this.wake();
	}

	/** The next probe: on the doubling schedule, but not past the time Retry-After named. */
	private probeAfter(now: number): number {
		const next = now + this.probeDelay;
		return this.advisedAt > now && this.advisedAt < next ? this.advisedAt : next;
	}

	private endHold(now: number, startedAt: number): void {
		this.holding = false;
		// The limiter opened somewhere between the last refused probe and this one; what it
		// accepted from the last opening to this one is its rate (a window's quota per window).
		const end = this.lastRefusedProbe >= this.holdStart ? (this.lastRefusedProbe + startedAt) / 2 : startedAt;
		// Over a long cycle the limit may have risen: the last stretch says so. A window's last
		// stretch is its drain at a pace above its quota, then the hold: no lower than the cycle's.
		// Idle time in it says nothing of the limit: the larger measure counts.
		const lookback = Math.max(LOOKBACK_MIN_MS, LOOKBACK_HOLDS * (end - this.holdStart));
		const recent = end - lookback > this.cycleStart ? this.recentRate(now, lookback) : undefined;
		const measured = Math.max(((this.acceptedInCycle - 1) * 1000) / (end - this.cycleStart), recent ?? 0);
		const trusted = this.acceptedInCycle >= TRUSTED_ANSWERS && end - this.cycleStart >= TRUSTED_MS;
		const floor = trusted ? 0 : UNTRUSTED_CUT;
		this.ceiling *= Math.min(BETA, Math.max(floor, measured / this.ceiling));
		this.cycleStart = end;
		this.acceptedInCycle = 1;
		this.lastCut = now;
		this.climbFrom(HELD_CONVEX_MS);
		this.setRate(now, this.ceiling * BETA);
		// The 429s before the hold say nothing about the pace that follows it.
		this.answerOk.fill(true);
		this.okCount = RING;
		this.nextSlot = now;
		// Probes one at a time say nothing of the share at a pace: the sample skips the hold.
		this.sampleStart += now - this.holdStart;
	}

	/** Counts an accepted answer in its time slice, clearing the slices skipped since the last. */
	private countSlice(now: number): void {
		const slice = Math.floor(now / SLICE_MS);
		for (let i = this.sliceAt + 1; i <= slice && i <= this.sliceAt + SLICES; i++) this.slices[i % SLICES] = 0;
		this.sliceAt = Math.max(this.sliceAt, slice);
		this.slices[slice % SLICES]++;
	}

	/**
	 * Accepted answers per second over about the last `ms`, by whole slices, leaving out the
	 * answer that just came (it ends the stretch); undefined when the slices do not reach back.
	 */
	private recentRate(now: number, ms: number): number | undefined {
		const first = Math.floor((now - ms) / SLICE_MS);
		if (first <= this.sliceAt - SLICES) return undefined;
		let count = -1;
		for (let i = first; i <= this.sliceAt; i++) count += this.slices[i % SLICES];
		return (count * 1000) / (now - first * SLICE_MS);
	}

	private climbFrom(convexMs: number): void {
		this.acceptedSinceCut = 0;
		this.plateauAt = Infinity;
		this.convexMs = convexMs;
	}

	private setRate(now: number, rate: number): void {
		this.rate = Math.max(MIN_RATE, rate);
		this.rateAt = now;
	}

	private answered(now: number, startedAt: number, ok: boolean): void {
		const sample = Math.max(1, now - startedAt);
		if (this.rtt === 0) {
			this.rtt = sample;
			this.firstAnswer = now;
		} else this.rtt += (sample - this.rtt) / 8;
		this.okCount += Number(ok) - Number(this.answerOk[this.answerI]);
		this.answerOk[this.answerI] = ok;
		this.answerI = (this.answerI + 1) % RING;
	}

	/** Until samples tell whether slowing down helps, no cut goes far below what the last sample saw accepted. */
	private floor(): number {
		const i = (this.sampleI + SAMPLES - 1) % SAMPLES;
		return FLOOR_SHARE * this.sampleRates[i] * this.sampleAccepted[i];
	}

	/** Whether the last answers hold clearly more 429s than the background predicts. */
	private excess(): boolean {
		const b = this.background;
		return this.recentRefused > EXCESS_RING * b + EXCESS_SD * Math.sqrt(EXCESS_RING * b * (1 - b));
	}

	private openSample(at: number): void {
		this.sampleStart = at;
		this.sampleReleases = 0;
		this.sampleAnswers = 0;
		this.sampleRefused = 0;
	}

	/** Counts an answer for the background's ring and, when sent since it opened, for the sample. */
	private sampled(now: number, startedAt: number, ok: boolean): void {
		this.recentRefused += Number(!ok) - Number(!this.recentOk[this.recentI]);
		this.recentOk[this.recentI] = ok;
		this.recentI = (this.recentI + 1) % EXCESS_RING;
		if (this.background > 0) {
			this.background -= this.background * BACKGROUND_FADE;
			if (this.background < BACKGROUND_FLOOR) this.background = 0;
		}
		// One-at-a-time probes say nothing of the share at a pace.
		if (this.holding || startedAt < this.sampleStart) return;
		this.sampleAnswers++;
		this.sampleRefused += Number(!ok);
		const full = this.sampleAnswers >= SAMPLE_ANSWERS || (this.sampleRefused >= SAMPLE_REFUSALS && this.sampleAnswers >= SAMPLE_MIN_ANSWERS);
		if (!full || now <= this.sampleStart) return;
		const rate = (this.sampleReleases * 1000) / (now - this.sampleStart);
		const share = 1 - this.sampleRefused / this.sampleAnswers;
		// Twice in a row: one sample may straddle a limit that dropped, the next one will not.
		const faster = this.sampleRefused >= SAMPLE_MIN_REFUSALS ? this.slowedInVain(rate, share) : undefined;
		if (faster !== undefined && this.suspect) this.foundBackground(now, faster);
		this.suspect = faster !== undefined;
		this.sampleRates[this.sampleI] = rate;
		this.sampleShares[this.sampleI] = this.sampleRefused >= SAMPLE_MIN_REFUSALS ? share : 1;
		this.sampleAccepted[this.sampleI] = share;
		this.sampleI = (this.sampleI + 1) % SAMPLES;
		this.openSample(now);
	}

	/**
	 * Against a limiter, the share accepted grows as the pace falls (it accepts its rate, however
	 * many come); against the background it stays. A sample that gained less than the square root
	 * of what a limiter would give (the ratio of the paces, up to all accepted) found the background.
	 */
	private slowedInVain(rate: number, share: number): { rate: number; share: number } | undefined {
		for (let i = 0; i < SAMPLES; i++) {
			const faster = this.sampleRates[i];
			const before = this.sampleShares[i];
			if (before === 1 || faster < SLOWER * rate) continue;
			if (share <= before * Math.sqrt(Math.min(faster / rate, 1 / before))) return { rate: faster, share: (share + before) / 2 };
		}
		return undefined;
	}

	private foundBackground(now: number, faster: { rate: number; share: number }): void {
		this.background = Math.max(this.background, 1 - faster.share);
		// The cuts that took the pace down did not help: start again from the faster pace,
		// doubling every round trip until 429s come beyond the background.
		this.restart(now, faster.rate);
		this.sampleShares.fill(1);
		this.suspect = false;
	}

	/** The start's doubling again, from `rate`. */
	private restart(now: number, rate: number): void {
		this.paced = false;
		this.lastCut = now;
		this.acceptedAfterCut = true;
		this.firstAnswer = now - this.rtt * Math.log2((rate * this.rtt) / 1000);
		this.setRate(now, rate);
		this.nextSlot = now;
	}

	/** Releases per second over the last RING releases; Infinity until there are that many. */
	private sentRate(now: number): number {
		const oldest = this.sentAt[this.sentI];
		return oldest === -Infinity ? Infinity : ((RING - 1) * 1000) / (now - oldest);
	}

	/** Before the first 429: one per round trip at the first answer, doubling every round trip. */
	private startRate(at: number): number {
		if (this.rtt === 0) return Infinity;
		// Never below the ticks that went before the first answer: a busy process can stretch
		// that round trip to seconds, and the start would crawl from there.
		return Math.max(1000 / this.rtt, 1000 / START_TICK_MS) * 2 ** ((at - this.firstAnswer) / this.rtt);
	}

	/** The climb after a cut: concave up to the ceiling, then convex beyond it. */
	private climbRate(at: number): number {
		// Slow paces count fewer answers: 60 at 0.5 req/s would take two minutes.
		const answers = Math.min(PLATEAU_ANSWERS, Math.max(MIN_PLATEAU_ANSWERS, (this.ceiling * PLATEAU_MS) / 1000));
		let g = Math.min(this.acceptedSinceCut / answers, (at - this.lastCut) / PLATEAU_MS);
		if (g >= 1) {
			if (this.plateauAt === Infinity) {
				this.plateauAt = at;
				this.plateauAnswers = this.acceptedSinceCut;
			}
			// Beyond the ceiling, whichever clock runs faster: answers at a high pace, time at a
			// low one, so a lifted limit is found in seconds at any rate. After a hold, time only.
			const byAnswers = this.convexMs === CONVEX_MS ? (this.acceptedSinceCut - this.plateauAnswers) / PLATEAU_ANSWERS : 0;
			g = 1 + Math.max(byAnswers, (at - this.plateauAt) / this.convexMs);
		}
		return this.ceiling * (1 + (1 - BETA) * (g - 1) ** 3);
	}

	/** Earliest time the next request may start. */
	private releaseTime(now: number): number {
		if (!this.evidence && this.closedUntil > now) return this.closedUntil;
		if (this.holding) return this.nextProbe;
		if (!this.paced) {
			if (!this.started) return now;
			if (this.rtt === 0) return this.firstRelease + this.released * START_TICK_MS;
			this.setRate(now, this.startRate(now));
		} else {
			// A higher pace that callers do not use proves nothing: grow up to twice the use.
			const target = Math.min(this.climbRate(now), Math.max(this.ceiling, 2 * this.sentRate(now)));
			const cap = this.rate * GROWTH_PER_RTT ** ((now - this.rateAt) / this.rtt);
			this.setRate(now, target > this.rate ? Math.min(target, cap) : target);
		}
		return Math.max(now, this.nextSlot);
	}

	private release(now: number): void {
		if (!this.started) {
			this.started = true;
			this.firstRelease = now;
		}
		if (now - this.lastRelease > IDLE_MS && !this.holding) {
			this.cycleStart = now;
			this.acceptedInCycle = 0;
		}
		this.lastRelease = now;
		this.released++;
		if (!this.holding) this.sampleReleases++;
		this.sentAt[this.sentI] = now;
		this.sentI = (this.sentI + 1) % RING;
		// One probe at a time; another only if this one's answer is long overdue.
		if (this.holding) this.nextProbe = now + Math.max(this.probeDelay, 4 * this.rtt);
		else this.nextSlot = Math.max(now, this.nextSlot) + 1000 / this.rate;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.head) {
				const now = this.clock.now();
				const at = this.releaseTime(now);
				if (at <= now) {
					const waiter = this.head;
					this.unlink(waiter);
					if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
					this.release(now);
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

	private wake(): void {
		this.wakeup?.abort();
	}

	private unlink(waiter: Waiter): void {
		if (waiter.prev) waiter.prev.next = waiter.next;
		else if (this.head === waiter) this.head = waiter.next;
		else return;
		if (waiter.next) waiter.next.prev = waiter.prev;
		else this.tail = waiter.prev;
		waiter.prev = waiter.next = undefined;
		// With nobody left the timer must go too: nothing may outlive the executions.
		if (this.head === undefined) this.wake();
	}
}

/**
 * Per execution: the user's known cap (Max Requests per Second), a fixed spacing from the
 * first request, so a known limit costs no 429 at all. The shared gate still runs behind it.
 */
export class FixedPace {
	private readonly interval: number;
	private next = -Infinity;

	constructor(
		perSecond: number,
		private readonly clock: Clock = systemClock,
	) {
		if (!(perSecond > 0)) throw new RangeError(`requests per second must be above 0, got ${perSecond}`);
		this.interval = 1000 / perSecond;
	}

	/** Waits for the next slot; false if the signal aborted first. */
	acquire(signal?: AbortSignal): Promise<boolean> {
		if (signal?.aborted) return Promise.resolve(false);
		const now = this.clock.now();
		const at = Math.max(now, this.next);
		this.next = at + this.interval;
		return at <= now ? Promise.resolve(true) : this.clock.sleep(at - now, signal);
	}
}
