/**
 * The best any sender does against a limiter under timing noise: a client that knows the
 * limit sends at a fixed pace, and under noise the best pace sits below the limit (a bucket
 * without burst refuses a request that arrives a fraction of a millisecond early). Swept over
 * paces, so the gate is judged against what was possible, not against a nominal rate no one
 * reaches.
 */
import { prng } from '../../sandbox/faults';
import { createLimiter } from '../../sandbox/rateLimiter';
import type { RateLimitOptions } from '../../sandbox/types';

export interface Noise {
	/** Requests reach the limiter up to this long after they were sent, ms. */
	jitterMs: number;
	/** The sender's timers fire up to this late. */
	timerLateMs: number;
}

/** Paces tried, as shares of the nominal rate. */
const SHARES = Array.from({ length: 51 }, (_, i) => 0.5 + i / 100);
const SECONDS = 20;

/** The most requests per second a fixed pace gets accepted, with at most `maxRefused` of them refused. */
export function bestPacedRate(limit: RateLimitOptions, noise: Noise, maxRefused: number): number {
	let best = 0;
	for (const share of SHARES) {
		const interval = 1000 / (share * limit.rps);
		const late = prng(3);
		const jitter = prng(4);
		const arrivals: number[] = [];
		// Each timer is set for its slot on the pace's schedule, so lateness does not add up.
		let sent = 0;
		for (let slot = 0; slot < SECONDS * 1000; slot += interval, sent++) {
			arrivals.push(slot + late() * noise.timerLateMs + jitter() * noise.jitterMs);
		}
		arrivals.sort((a, b) => a - b);
		const limiter = createLimiter({ ...limit }, 0);
		const accepted = arrivals.filter((at) => limiter.take(at).ok).length;
		if (sent - accepted <= maxRefused * sent) best = Math.max(best, (accepted * 1000) / (SECONDS * 1000));
	}
	return Math.min(best, limit.rps);
}
