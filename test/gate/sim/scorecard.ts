/**
 * `npm run gate:scorecard`: the gate against the whole family at once, simulated on the fake
 * clock (card.ts), then rows of the table over real sockets (bench/gateRows.ts). Prints the
 * tables docs/rate-gate.md and BENCHMARKS.md quote. Exits 1 only when an item is lost
 * or sent twice, or a member lands beyond twice its target: tuning is judged by reading the
 * table, never by CI.
 *
 * Environment: ONLY=<regex> simulates the members whose group or label match; SIM_ONLY=1 skips
 * the real sockets.
 */
import '../../harness/env';
import { GATE_ROWS, gateRowsTable, runGateRow, type GateRowResult } from '../../../bench/gateRows';
import { RemoteSandbox } from '../../../bench/remoteSandbox';
import { simulatedCard } from './card';

async function main(): Promise<void> {
	const started = Date.now();
	const card = await simulatedCard(process.env.ONLY ? new RegExp(process.env.ONLY) : undefined);
	const out = [
		'## Simulated: default options, 25 ms answers (fake clock)',
		'',
		'Each cell: wall time over the ideal, then the share of requests answered 429. **Bold**: a target missed (1.25x, 5 %, every item ok).',
		'',
		card.markdown,
		`${card.members} members in ${((Date.now() - started) / 1000).toFixed(0)} s; ${card.missed.length} miss a target.`,
		'',
	];
	process.stdout.write(out.join('\n'));
	const broken = [...card.broken];
	if (!process.env.SIM_ONLY) {
		const sandbox = await RemoteSandbox.start();
		const results: GateRowResult[] = [];
		try {
			for (const row of GATE_ROWS) {
				const result = await runGateRow(sandbox, row);
				results.push(result);
				if (result.succeeded !== result.items) broken.push(`${row.label}: ${result.items - result.succeeded} items not ok over real sockets`);
				if (result.doubleCancels > 0) broken.push(`${row.label}: ${result.doubleCancels} profiles cancelled twice`);
			}
		} finally {
			await sandbox.close();
		}
		process.stdout.write(['## Over real sockets: n8n-core engine, sandbox in a child process', '', gateRowsTable(results)].join('\n'));
	}
	for (const line of card.missed) process.stdout.write(`- missed: ${line}\n`);
	for (const line of broken) process.stdout.write(`- BROKEN: ${line}\n`);
	if (broken.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
