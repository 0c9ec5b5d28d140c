/**
 * `npm run gate:scorecard`: the gate against the whole family of limiters at once, to tune it
 * by. Not a test: the suites hold the gate to its targets on chosen cases; this sweeps what
 * they leave out and counts the runs that miss a target, so a change can be judged on all of
 * them instead of on the case it was made for. The gate reacts to exact timings, so one run
 * says little: every configuration runs with several seeds, and fixed windows are met at a
 * point drawn from the seed, as a server's calendar seconds meet a batch.
 *
 * Targets, as in the suites: every item succeeds, wall within 1.25x of the ideal (under
 * timing noise, of the best fixed pace that noise allows), at most 5 % of requests answered
 * 429 (plus twice the concurrency at 10 req/s or less, where a run has few requests).
 *
 * Options (environment): ITEMS (default 600, the bench's batch), SEEDS (default 8), RATES
 * (default 10,50,100,250,500), ALL=1 prints every configuration, not only those that miss.
 */
import { prng } from '../../sandbox/faults';
import type { RateLimitOptions } from '../../sandbox/types';
import { bestPacedRate } from './bound';
import type { Scenario } from './population';
import { idealMs } from './targets';
import { simulateAll } from './worker';

const SHAPES: [string, Partial<RateLimitOptions>][] = [
	['bucket, burst 1', { shape: 'bucket', burst: 1 }],
	['bucket, burst 3', { shape: 'bucket', burst: 3 }],
	['bucket, burst 10', { shape: 'bucket', burst: 10 }],
	['bucket, burst 30', { shape: 'bucket', burst: 30 }],
	['bucket, burst 100', { shape: 'bucket', burst: 100 }],
	['fixed 1 s window', { shape: 'fixedWindow' }],
	['sliding 1 s window', { shape: 'slidingWindow' }],
];
/** Requests reach the limiter up to this late, ms; the gate's timers then fire up to 1 ms late. */
const JITTERS = [0, 1, 2];
const CONCURRENCIES = [8, 16];

const list = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);

interface Configuration {
	label: string;
	rps: number;
	concurrency: number;
	/** The pace the runs are judged against. */
	pace: number;
	runs: { scenario: Scenario; startMs: number }[];
}

function configurations(items: number, seeds: number, rates: number[]): Configuration[] {
	const out: Configuration[] = [];
	for (const [name, shape] of SHAPES) {
		for (const rps of rates) {
			for (const concurrency of CONCURRENCIES) {
				for (const jitterMs of JITTERS) {
					const limit: RateLimitOptions = { rps, retryAfter: 1, ...shape };
					const noise = { jitterMs, timerLateMs: jitterMs > 0 ? 1 : 0 };
					const runs = Array.from({ length: seeds }, (_, i) => {
						const seed = i + 1;
						const startMs = shape.shape === 'fixedWindow' ? Math.floor(prng(seed * 7)() * 1000) : 0;
						const scenario: Scenario = { limit, items, concurrency, seed, ...noise, ...(startMs > 0 ? { startsMs: [startMs] } : {}) };
						return { scenario, startMs };
					});
					const pace = jitterMs > 0 ? bestPacedRate(limit, noise, 0.05) : rps;
					out.push({ label: `${name}, ${rps}/s, c${concurrency}, jitter ${jitterMs} ms`, rps, concurrency, pace, runs });
				}
			}
		}
	}
	return out;
}

async function main(): Promise<void> {
	const items = Number(process.env.ITEMS) || 600;
	const configs = configurations(items, Number(process.env.SEEDS) || 8, list(process.env.RATES, [10, 50, 100, 250, 500]));
	const outcomes = await simulateAll(configs.flatMap((c) => c.runs.map((r) => r.scenario)));
	let next = 0;
	let missed = 0;
	let runs = 0;
	let logWalls = 0;
	const lines: string[] = [];
	for (const config of configs) {
		const learning = config.rps <= 10 ? 2 * config.concurrency : 0;
		const results = config.runs.map(({ startMs }) => {
			const o = outcomes[next++];
			const wall = (o.wallMs - startMs) / idealMs(items, config.pace, config.concurrency);
			const miss = o.failed + o.cancelled > 0 || wall > 1.25 || o.throttled > 0.05 * o.requests + learning;
			return { wall, share: o.throttled / o.requests, failed: o.failed, miss };
		});
		const misses = results.filter((r) => r.miss).length;
		missed += misses;
		runs += results.length;
		logWalls += results.reduce((sum, r) => sum + Math.log(r.wall), 0);
		if (misses === 0 && !process.env.ALL) continue;
		const walls = results.map((r) => r.wall).sort((a, b) => a - b);
		const shares = results.map((r) => r.share).sort((a, b) => a - b);
		const failed = results.reduce((sum, r) => sum + r.failed, 0);
		const median = <T>(xs: T[]) => xs[Math.floor(xs.length / 2)];
		lines.push(
			`| ${config.label} | ${median(walls).toFixed(2)}x | ${walls[walls.length - 1].toFixed(2)}x | ` +
				`${(100 * median(shares)).toFixed(1)} % | ${(100 * shares[shares.length - 1]).toFixed(1)} % | ${failed} | ${misses}/${results.length} |`,
		);
	}
	process.stdout.write(
		[
			`${items} items per run, ${configs[0]?.runs.length ?? 0} seeds per configuration, Retry-After 1 s, 25 ms answers.`,
			'',
			'| configuration | wall (median) | wall (worst) | 429 share (median) | 429 share (worst) | items failed | runs missing a target |',
			'| --- | --- | --- | --- | --- | --- | --- |',
			...lines,
			'',
			`${missed} of ${runs} runs miss a target; geometric mean of wall / ideal ${Math.exp(logWalls / runs).toFixed(3)}.`,
			'',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
