/**
 * `npm run gate:scorecard`: the gate against the whole family of limiters at once, to tune it
 * by. Not a test: the suites hold the gate to its targets on chosen cases; this sweeps what
 * they leave out and counts the runs that miss a target, so a change can be judged on all of
 * them instead of on the case it was made for. The gate reacts to exact timings, so one run
 * says little: every configuration runs with several seeds.
 *
 * Two parts. The shapes: every limiter shape at 10 to 500 req/s, concurrency 8 and 16, with
 * and without timing noise, fixed windows met at a point drawn from the seed (as a server's
 * calendar seconds meet a batch); held to the suites' targets: every item succeeds, wall within
 * 1.25x of the ideal (under noise, of the best fixed pace that noise allows), at most 5 % of
 * requests answered 429 (plus twice the concurrency at 10 req/s or less, where a run has few
 * requests). The situations of scenarios.test.ts (10 s windows, limits that change, bursts of
 * executions, 429s whatever the pace), each with its own targets, under other seeds too.
 *
 * Options (environment): ITEMS (default 600, the bench's batch), SEEDS (default 8), RATES
 * (default 10,50,100,250,500), ALL=1 prints every configuration, not only those that miss.
 */
import { prng } from '../../sandbox/faults';
import type { RateLimitOptions } from '../../sandbox/types';
import { bestPacedRate } from './bound';
import type { Scenario } from './population';
import { SHAPES, SITUATIONS, UNLIMITED_BURST } from './situations';
import { idealMs, learningAllowance, missedTargets } from './targets';
import { simulateAll, type Summary } from './worker';

/** Requests reach the limiter up to this late, ms; the gate's timers then fire up to 1 ms late. */
const JITTERS = [0, 1, 2];
const CONCURRENCIES = [8, 16];

const list = (value: string | undefined, fallback: number[]) => (value ? value.split(',').map(Number) : fallback);

interface Configuration {
	label: string;
	runs: Scenario[];
	/** The targets each run missed, in words. */
	judge: (outcome: Summary, run: number, unlimitedBurstMs: number) => string[];
}

function shapes(items: number, seeds: number, rates: number[]): Configuration[] {
	const out: Configuration[] = [];
	for (const [name, shape] of SHAPES) {
		for (const rps of rates) {
			for (const concurrency of CONCURRENCIES) {
				for (const jitterMs of JITTERS) {
					const limit: RateLimitOptions = { rps, retryAfter: 1, ...shape };
					const noise = { jitterMs, timerLateMs: jitterMs > 0 ? 1 : 0 };
					const startsMs = Array.from({ length: seeds }, (_, i) => (shape.shape === 'fixedWindow' ? Math.floor(prng((i + 1) * 7)() * 1000) : 0));
					const runs = startsMs.map((startMs, i): Scenario => ({ limit, items, concurrency, seed: i + 1, ...noise, startsMs: [startMs] }));
					const ideal = idealMs(items, jitterMs > 0 ? bestPacedRate(limit, noise, 0.05) : rps, concurrency);
					const learning = learningAllowance(rps, concurrency);
					out.push({
						label: `${name}, ${rps}/s, c${concurrency}, jitter ${jitterMs} ms`,
						runs,
						judge: (outcome, run) => missedTargets(outcome, ideal, { learning, wallOf: (o) => o.wallMs - startsMs[run] }),
					});
				}
			}
		}
	}
	return out;
}

/** scenarios.test.ts's situations, seed 1 being the test's own draw; a noisy one draws its noise from the seed too. */
function situations(seeds: number): Configuration[] {
	return SITUATIONS.map((situation) => ({
		label: situation.label,
		runs: Array.from({ length: seeds }, (_, i): Scenario => {
			const { noise } = situation.scenario;
			return { ...situation.scenario, seed: i + 1, ...(noise ? { noise: { ...noise, seed: (noise.seed ?? 7) + i } } : {}) };
		}),
		judge: (outcome, _, unlimitedBurstMs) => missedTargets(outcome, situation.ideal(outcome, unlimitedBurstMs), situation),
	}));
}

/** Runs every configuration's runs and lists those that missed a target, and the count. */
async function score(title: string, configs: Configuration[], unlimitedBurstMs: number): Promise<string[]> {
	const outcomes = await simulateAll(configs.flatMap((c) => c.runs));
	let next = 0;
	let missed = 0;
	let runs = 0;
	const lines: string[] = [];
	for (const config of configs) {
		const results = config.runs.map((_, run) => {
			const outcome = outcomes[next++];
			return { outcome, missed: config.judge(outcome, run, unlimitedBurstMs) };
		});
		const misses = results.filter((r) => r.missed.length > 0);
		missed += misses.length;
		runs += results.length;
		if (misses.length === 0 && !process.env.ALL) continue;
		const shares = results.map((r) => r.outcome.throttled / r.outcome.requests).sort((a, b) => a - b);
		const failed = results.reduce((sum, r) => sum + r.outcome.failed, 0);
		const worst = misses[0]?.missed.join(', ') ?? '';
		lines.push(`| ${config.label} | ${misses.length}/${results.length} | ${(100 * shares[Math.floor(shares.length / 2)]).toFixed(1)} % | ${failed} | ${worst} |`);
	}
	return [
		`### ${title}: ${missed} of ${runs} runs miss a target`,
		'',
		'| configuration | runs missing a target | 429 share (median) | items failed | the first miss |',
		'| --- | --- | --- | --- | --- |',
		...lines,
		'',
	];
}

async function main(): Promise<void> {
	const items = Number(process.env.ITEMS) || 600;
	const seeds = Number(process.env.SEEDS) || 8;
	const [unlimitedBurst] = await simulateAll([UNLIMITED_BURST]);
	const report = [
		`${seeds} seeds per configuration; 25 ms answers.`,
		'',
		...(await score(`Shapes, ${items} items, Retry-After 1 s`, shapes(items, seeds, list(process.env.RATES, [10, 50, 100, 250, 500])), unlimitedBurst.wallMs)),
		...(await score('Situations', situations(seeds), unlimitedBurst.wallMs)),
	];
	process.stdout.write(report.join('\n'));
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
