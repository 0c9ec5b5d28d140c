/**
 * The ideal wall time a run is judged against: what a client that knows the limit needs.
 * Against a token bucket or a 1 s window, its items at the limit's rate (or as fast as the
 * callers' concurrency allows, if that is lower). Against a longer window, a whole quota at
 * once, the next when the window reopens: the client below, which sends whenever the limiter
 * would accept (it asks the limiter itself), never more than `concurrency` at a time.
 */
import { createLimiter } from '../../sandbox/rateLimiter';
import type { Run } from './simulate';

export const LATENCY_MS = 25;

/** Items at `rps`, or at the concurrency's physical rate if lower. */
export function pacedMs(items: number, rps: number, concurrency = 16, latencyMs = LATENCY_MS): number {
	return (items / Math.min(rps, (concurrency * 1000) / latencyMs)) * 1000;
}

/** The wall time of a client that knows the limiter of `run` (one execution, changes applied as they come). */
export function knowingClientMs(run: Run): number {
	const latency = run.latencyMs ?? LATENCY_MS;
	const start = run.phaseMs ?? 0;
	const options = run.limit && { ...run.limit };
	const limiter = options && createLimiter(options, start);
	const changes = [...(run.changes ?? [])].sort((a, b) => a.atMs - b.atMs);
	let lifted = false;
	const free = new Array<number>(Math.min(run.concurrency ?? 16, run.items)).fill(start);
	let end = start;
	let last = start;
	for (let item = 0; item < run.items; item++) {
		const slot = free.indexOf(Math.min(...free));
		// In time order: a limiter's clock only goes forward.
		let at = Math.max(free[slot], last);
		for (;;) {
			while (changes.length > 0 && start + changes[0].atMs <= at) {
				const { limit } = changes.shift()!;
				if (limit === undefined) lifted = true;
				else Object.assign(options!, limit);
			}
			const open = !limiter || lifted ? at : limiter.openAt(at);
			// A change before the limiter opens may open it sooner.
			const next = changes.length > 0 ? Math.min(open, start + changes[0].atMs) : open;
			if (next === at) break;
			at = next;
		}
		if (limiter && !lifted) limiter.take(at);
		last = at;
		free[slot] = at + latency;
		end = Math.max(end, free[slot]);
	}
	return end - start;
}
