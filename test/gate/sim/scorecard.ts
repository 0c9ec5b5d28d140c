/**
 * `npm run gate:scorecard`: the gate against the whole family at once (family.ts), simulated on
 * the fake clock, then a subset against the sandbox over real sockets. Prints the table README
 * and BENCHMARKS.md quote. Exits 1 only when an item is lost or sent twice, or a member lands
 * beyond twice its target: tuning is judged by reading the table, never by CI.
 *
 * Environment: ONLY=<regex> runs the members whose group or label match; SIM_ONLY=1 skips the
 * real sockets.
 */
import { changes, family, situations, UNLIMITED_BURST, type Member } from './family';
import { judge, type Verdict } from './judge';
import { simulateAll } from './worker';

function cell(v: Verdict): string {
	const text = `${v.wallRatio.toFixed(2)}x, ${(100 * v.share).toFixed(1)} %`;
	return v.missed.length > 0 ? `**${text}**${v.missed.some((m) => m.includes('items')) ? ' (items lost)' : ''}` : text;
}

async function main(): Promise<void> {
	const only = process.env.ONLY ? new RegExp(process.env.ONLY) : undefined;
	const members = [...family(), ...changes(), ...situations()].filter((m) => !only || only.test(`${m.group}, ${m.label}`));
	const started = Date.now();
	const [unlimited, ...results] = await simulateAll([UNLIMITED_BURST, ...members.map((m) => m.run)]);
	const verdicts = members.map((m, i) => judge(m, results[i], unlimited.wallMs));
	const lines: string[] = [];
	const groups = [...new Set(members.map((m) => m.group))];
	for (const group of groups) {
		const rows = members.map((m, i) => ({ m, v: verdicts[i], r: results[i] })).filter((x) => x.m.group === group);
		lines.push(`| ${group} | wall ÷ ideal, 429 share | |`, '| --- | --- | --- |');
		for (const { m, v } of rows) lines.push(`| ${m.label} | ${cell(v)} | ${v.missed.join('; ')} |`);
		lines.push('');
	}
	const missed = verdicts.filter((v) => v.missed.length > 0).length;
	const broken = members.flatMap((m, i) => verdicts[i].broken.map((b) => `${m.group}, ${m.label}: ${b}`));
	lines.push(`${members.length} members simulated in ${((Date.now() - started) / 1000).toFixed(0)} s; ${missed} miss a target; ${broken.length} broken.`);
	for (const b of broken) lines.push(`- BROKEN: ${b}`);
	process.stdout.write(lines.join('\n') + '\n');
	if (broken.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
