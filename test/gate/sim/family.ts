/**
 * The family of limiters the gate is held to, with default options at concurrency 16, 600
 * items or more: token buckets of bursts 1 to 100, fixed and sliding windows of 1 s, 10 s and
 * 60 s, 5 to 500 requests per second, every Retry-After (absent, 0, 1 whatever the window, the
 * honest seconds to the reset), limits that rise or fall mid-run; then the 100 req/s shapes at
 * the default concurrency, the CRM burst, 429s whatever the pace, no limit, and a batch after
 * a quiet half minute. Every member says what its ideal is and the targets it is held to.
 */
import { prng } from '../../sandbox/faults';
import type { RateLimitOptions } from '../../sandbox/types';
import { knowingClientMs, pacedMs } from './ideal';
import { BUSY_MACHINE, type Result, type Run } from './simulate';

export interface Member {
	/** The table's section. */
	group: string;
	label: string;
	run: Run;
	/** The ideal wall time, ms, from the result (a change is judged from where the gate stood then) and the unlimited burst's wall. */
	ideal: (result: Result, unlimitedBurstMs: number) => number;
	/** Wall within this many times the ideal... */
	wallTarget: number;
	/** ... and at most this share of requests answered 429. */
	maxShare: number;
	/** The wall judged (default the whole run's). */
	wallOf?: (result: Result) => number;
}

export const RATES = [5, 20, 50, 100, 300, 500];
export const RETRY_AFTERS: RateLimitOptions['retryAfter'][] = ['none', 0, 1, 'reset'];
export const SHAPES: [string, Partial<RateLimitOptions>][] = [
	['token bucket, burst 1', { shape: 'bucket', burst: 1 }],
	['token bucket, burst 3', { shape: 'bucket', burst: 3 }],
	['token bucket, burst 10', { shape: 'bucket', burst: 10 }],
	['token bucket, burst 30', { shape: 'bucket', burst: 30 }],
	['token bucket, burst 100', { shape: 'bucket', burst: 100 }],
	...(['fixed', 'sliding'] as const).flatMap((kind) =>
		[1_000, 10_000, 60_000].map((windowMs): [string, Partial<RateLimitOptions>] => [
			`${kind} ${windowMs / 1000} s window`,
			{ shape: kind === 'fixed' ? 'fixedWindow' : 'slidingWindow', windowMs },
		]),
	),
];
const TARGETS = { wallTarget: 1.25, maxShare: 0.05 };

export function familyLabel(name: string, rps: number, retryAfter: unknown): string {
	return `${name}, ${rps}/s, Retry-After ${retryAfter}`;
}

/** A fixed window is met anywhere in it, as a server's calendar meets a batch: drawn from the member. */
function phase(limit: RateLimitOptions, draw: () => number): number {
	return limit.shape === 'fixedWindow' ? Math.floor(draw() * (limit.windowMs ?? 1000)) : 0;
}

function long(limit: RateLimitOptions): boolean {
	return limit.shape !== 'bucket' && (limit.windowMs ?? 1000) > 1000;
}

/** Items for a limit: 600, or two of its quotas when that is more, so the window reopens at least once. */
function itemsFor(limit: RateLimitOptions): number {
	return limit.shape === 'bucket' ? 600 : Math.max(600, (2 * limit.rps * (limit.windowMs ?? 1000)) / 1000);
}

function idealOf(run: Run): () => number {
	const limit = run.limit!;
	if (long(limit)) {
		const ms = knowingClientMs(run);
		return () => ms;
	}
	return () => pacedMs(run.items, limit.rps, run.concurrency);
}

export function family(): Member[] {
	const members: Member[] = [];
	const draw = prng(11);
	for (const [name, shape] of SHAPES) {
		for (const rps of RATES) {
			for (const retryAfter of RETRY_AFTERS) {
				const limit: RateLimitOptions = { rps, retryAfter, ...shape };
				const run: Run = { limit, items: itemsFor(limit), concurrency: 16, phaseMs: phase(limit, draw) };
				members.push({ group: 'family', label: familyLabel(name, rps, retryAfter), run, ideal: idealOf(run), ...TARGETS });
			}
		}
	}
	return members;
}

/**
 * Limits that rise or fall mid-run, to twice or half: the old limit for at least 5 s (two quotas
 * of a longer window), the new one for at least 10 s (three quotas).
 */
export function changes(): Member[] {
	const members: Member[] = [];
	const draw = prng(13);
	const shapes = ['token bucket, burst 1', 'token bucket, burst 10', 'fixed 1 s window', 'sliding 10 s window', 'fixed 60 s window'];
	for (const [name, shape] of SHAPES.filter(([n]) => shapes.includes(n))) {
		for (const [from, to] of [[20, 40], [40, 20], [100, 200], [200, 100], [5, 10], [10, 5]]) {
			const limit: RateLimitOptions = { rps: from, retryAfter: 1, ...shape };
			if (long(limit) !== (from <= 10)) continue;
			const windowS = (limit.windowMs ?? 1000) / 1000;
			const before = long(limit) ? 2 * from * windowS : Math.max(300, 5 * from);
			const after = Math.max(600 - before, long(limit) ? 3 * to * windowS : Math.max(300, 10 * to));
			const base: Run = { limit, items: before + after, concurrency: 16, phaseMs: phase(limit, draw) };
			const atMs = Math.round(long(limit) ? knowingClientMs({ ...base, items: before }) : pacedMs(before, from));
			const run: Run = { ...base, changes: [{ atMs, limit: { rps: to } }] };
			const ideal = long(limit) ? idealOf(run) : (result: Result) => atMs + pacedMs(run.items - result.succeededAtChanges[0], to);
			members.push({ group: `limits that change: ${name}`, label: `${from} -> ${to} req/s at ${(atMs / 1000).toFixed(1)} s`, run, ideal, ...TARGETS });
		}
	}
	return members;
}

/** The same burst with no limit: what the CRM bursts are judged against. */
export const UNLIMITED_BURST: Run = { items: 1, executions: 300, concurrency: 8 };

/** The 100 req/s family at the default concurrency, and what it must keep. */
export function situations(): Member[] {
	const members: Member[] = [];
	for (const [name, shape] of SHAPES.filter(([, s]) => (s.windowMs ?? 1000) === 1000)) {
		const limit: RateLimitOptions = { rps: 100, retryAfter: 1, ...shape };
		const run: Run = { limit, items: 600, concurrency: 8 };
		members.push({ group: '100 req/s, default concurrency (8)', label: name, run, ideal: () => pacedMs(600, 100, 8), ...TARGETS });
	}
	// The bench's sockets on a machine shared with other builds: what the simulation of an idle
	// machine does not show (bursts paced by the event loop, stalls, late timers).
	for (const concurrency of [8, 16]) {
		for (const [name, shape] of SHAPES.filter(([, s]) => (s.windowMs ?? 1000) === 1000)) {
			const run: Run = { limit: { rps: 100, retryAfter: 1, ...shape }, items: 600, concurrency, machine: BUSY_MACHINE };
			members.push({ group: '100 req/s on a busy machine (simulated)', label: `${name}, concurrency ${concurrency}`, run, ideal: () => pacedMs(600, 100, concurrency), ...TARGETS });
		}
	}
	for (const [name, shape] of SHAPES.filter(([n]) => ['token bucket, burst 1', 'token bucket, burst 10', 'token bucket, burst 100', 'fixed 1 s window', 'sliding 1 s window'].includes(n))) {
		members.push({
			group: 'the CRM burst: 300 one-item executions at once, 100 req/s',
			label: name,
			run: { ...UNLIMITED_BURST, limit: { rps: 100, retryAfter: 1, ...shape } },
			ideal: (_, unlimitedBurstMs) => Math.max(3_000, unlimitedBurstMs),
			wallTarget: 1.3,
			// A burst of executions is held to its wall only.
			maxShare: 1,
		});
	}
	for (const share of [0.1, 0.3]) {
		for (const [name, limit] of [
			['token bucket, burst 10', { rps: 100, burst: 10 }],
			['fixed 1 s window', { rps: 100, shape: 'fixedWindow' }],
		] as [string, RateLimitOptions][]) {
			for (const retryAfter of [0, 'none'] as const) {
				members.push({
					group: '429s whatever the pace (a flaky gateway, another app on the account), 100 req/s',
					label: `${share * 100} % of what the limiter lets through, ${name}, Retry-After ${retryAfter}`,
					run: { limit: { ...limit, retryAfter }, items: 800, concurrency: 16, noise: { share, retryAfterSeconds: retryAfter === 'none' ? undefined : 0 } },
					// What gets through: the limit less the refusals. Not in the family: measured,
					// held only to losing nothing.
					ideal: () => pacedMs(800, (1 - share) * 100),
					wallTarget: Infinity,
					maxShare: 1,
				});
			}
		}
	}
	for (const concurrency of [8, 16]) {
		members.push({
			group: 'no limit',
			label: `2000 items, concurrency ${concurrency}`,
			run: { items: 2000, concurrency },
			ideal: () => pacedMs(2000, Infinity, concurrency),
			wallTarget: 1.05,
			maxShare: 0,
		});
	}
	members.push({
		group: 'after a quiet half minute',
		label: 'a second batch 30 s after the first, the limit dropped 100 -> 50 req/s meanwhile (fixed 1 s window)',
		run: { limit: { rps: 100, shape: 'fixedWindow', retryAfter: 1 }, items: 600, executions: 2, concurrency: 16, startsMs: [0, 36_000], changes: [{ atMs: 20_000, limit: { rps: 50 } }] },
		ideal: () => pacedMs(600, 50),
		wallOf: (r) => r.executionWallMs[1] - 36_000,
		...TARGETS,
	});
	return members;
}
