/**
 * The targets every simulated run is held to, and the table of what was measured
 * (printed after the suite with GATE_REPORT=1, for the README and BENCHMARKS.md).
 */
import type { Summary } from './worker';

export const LATENCY_MS = 25;

/** The fastest a run can go: the limit, or the callers' concurrency over the latency if that is lower. */
export function idealMs(items: number, rps: number, concurrency: number, executions = 1): number {
	const physical = (executions * concurrency * 1000) / LATENCY_MS;
	return (items / Math.min(rps, physical)) * 1000;
}

export interface Measured {
	label: string;
	wallRatio: number;
	throttledShare: number;
	throttled: number;
	requests: number;
	failed: number;
}

/**
 * 429s allowed beyond 5 % at low rates: at 10 req/s a run has ~100 requests, so 5 % is five
 * 429s, while finding a burst or a window of unknown size costs about the requests in flight
 * when it runs out, plus the probes that find its reopening. At higher rates that cost
 * vanishes in the 5 %.
 */
export function learningAllowance(rps: number, concurrency: number): number {
	return rps <= 10 ? 2 * concurrency : 0;
}

/** What a run is held to: wall within `wallTarget` x the ideal, 429s within `maxShare` of requests plus `learning`. */
export interface Targets {
	wallTarget?: number;
	maxShare?: number;
	learning?: number;
	/** The wall time judged, from the outcome (default: the whole run). */
	wallOf?: (outcome: Summary) => number;
}

/** The targets a run missed, in words; empty when it met them all (every item succeeding among them). */
export function missedTargets(outcome: Summary, idealWallMs: number, targets: Targets): string[] {
	const { wallTarget = 1.25, maxShare = 0.05, learning = 0, wallOf } = targets;
	const missed: string[] = [];
	const lost = outcome.failed + outcome.cancelled;
	if (lost > 0) missed.push(`${lost} items failed or cancelled`);
	const wallRatio = (wallOf?.(outcome) ?? outcome.wallMs) / idealWallMs;
	if (wallRatio > wallTarget) missed.push(`wall ${wallRatio.toFixed(2)}x, over ${wallTarget}x`);
	const allowed = maxShare * outcome.requests + learning;
	if (outcome.throttled > allowed) missed.push(`${outcome.throttled} 429s of ${outcome.requests} requests, over ${allowed.toFixed(1)}`);
	return missed;
}

const rows: Measured[] = [];

export function measure(label: string, outcome: Summary, idealWallMs: number, wallMs = outcome.wallMs): Measured {
	const row = {
		label,
		wallRatio: wallMs / idealWallMs,
		throttledShare: outcome.throttled / outcome.requests,
		throttled: outcome.throttled,
		requests: outcome.requests,
		failed: outcome.failed + outcome.cancelled,
	};
	rows.push(row);
	return row;
}

export function printReport(title: string): void {
	if (!process.env.GATE_REPORT) return;
	const lines = [`### ${title}`, '', '| run | wall / ideal | 429s | all succeeded |', '|---|---|---|---|'];
	for (const r of rows) {
		lines.push(
			`| ${r.label} | ${r.wallRatio.toFixed(2)}x | ${(r.throttledShare * 100).toFixed(1)} % (${r.throttled}/${r.requests}) | ${r.failed === 0 ? 'yes' : `no, ${r.failed} failed`} |`,
		);
	}
	process.stdout.write(lines.join('\n') + '\n\n');
}
