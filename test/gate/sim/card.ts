/**
 * The scorecard's tables: every member of the family simulated (family.ts), judged (judge.ts)
 * and rendered as markdown. `npm run gate:scorecard` prints them; `npm run bench` writes them
 * into BENCHMARKS.md, and docs/rate-gate.md quotes them.
 */
import { changes, family, familyLabel, RATES, RETRY_AFTERS, SHAPES, situations, UNLIMITED_BURST, type Member } from './family';
import { judge, type Verdict } from './judge';
import type { Result } from './simulate';
import { simulateAll } from './worker';

export interface Card {
	markdown: string;
	members: number;
	/** Members that missed a target, and what CI fails on. */
	missed: string[];
	broken: string[];
}

export function cell(v: Verdict, r: Pick<Result, 'failed' | 'cancelled' | 'lost'>): string {
	const text = `${v.wallRatio.toFixed(2)}x, ${(100 * v.share).toFixed(1)} %`;
	const notOk = r.failed + r.cancelled + r.lost;
	const lost = notOk > 0 ? `, ${notOk} items not ok` : '';
	return v.missed.length > 0 ? `**${text}${lost}**` : text;
}

/** Runs the simulated members matching `only` (all by default). */
export async function simulatedCard(only?: RegExp): Promise<Card> {
	const all = [...family(), ...changes(), ...situations()];
	const members = all.filter((m) => !only || only.test(`${m.group}, ${m.label}`));
	const [unlimited, ...results] = await simulateAll([UNLIMITED_BURST, ...members.map((m) => m.run)]);
	const verdicts = members.map((m, i) => judge(m, results[i], unlimited.wallMs));
	const at = (m: Member) => members.indexOf(m);
	const lines: string[] = [];
	// The family: one row per limiter and rate, one column per Retry-After.
	const grid = members.filter((m) => m.group.startsWith('family'));
	if (grid.length > 0) {
		lines.push(
			`| limiter (600 items or two quotas, concurrency 16) | rate | ${RETRY_AFTERS.map((r) => `Retry-After ${r}`).join(' | ')} |`,
			`| --- | --- | ${RETRY_AFTERS.map(() => '---').join(' | ')} |`,
		);
		for (const [name] of SHAPES) {
			for (const rps of RATES) {
				const row = RETRY_AFTERS.map((ra) => grid.find((m) => m.label === familyLabel(name, rps, ra)));
				if (row.every((m) => !m)) continue;
				lines.push(`| ${name} | ${rps}/s | ${row.map((m) => (m ? cell(verdicts[at(m)], results[at(m)]) : '')).join(' | ')} |`);
			}
		}
		lines.push('');
	}
	for (const group of [...new Set(members.filter((m) => !m.group.startsWith('family')).map((m) => m.group))]) {
		lines.push(`| ${group} | wall ÷ ideal, 429 share | target |`, '| --- | --- | --- |');
		for (const m of members.filter((x) => x.group === group)) {
			const target = m.wallTarget === Infinity ? 'none: measured' : `${m.wallTarget}x, ${Math.round(100 * m.maxShare)} %`;
			lines.push(`| ${m.label} | ${cell(verdicts[at(m)], results[at(m)])} | ${target} |`);
		}
		lines.push('');
	}
	return {
		markdown: lines.join('\n'),
		members: members.length,
		missed: members.flatMap((m, i) => (verdicts[i].missed.length > 0 ? [`${m.group}, ${m.label}: ${verdicts[i].missed.join('; ')}`] : [])),
		broken: members.flatMap((m, i) => verdicts[i].broken.map((b) => `${m.group}, ${m.label}: ${b}`)),
	};
}
