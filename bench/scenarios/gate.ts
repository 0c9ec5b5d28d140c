/**
 * The rate gate's scorecard (test/gate/sim): the whole family of limiters simulated on the fake
 * clock, then rows of the table over real sockets, as `npm run gate:scorecard` prints them.
 */
import { simulatedCard } from '../../test/gate/sim/card';
import { GATE_ROWS, gateRowsTable, runGateRow } from '../gateRows';
import type { Context, Section } from './common';

export async function gate(ctx: Context): Promise<Section> {
	ctx.log('gate scorecard: simulating the family');
	const card = await simulatedCard();
	const sockets = [];
	for (const row of GATE_ROWS) {
		ctx.log(`gate scorecard over real sockets: ${row.label}`);
		sockets.push(await runGateRow(ctx.sandbox, row));
	}
	const met = card.members - card.missed.length;
	return {
		title: 'The rate gate against the family of limiters (`npm run gate:scorecard`)',
		notes: [
			'Default options at concurrency 16, answers after 25 ms. Each cell is the wall time over the ideal, then the share of requests answered 429; **bold** misses a target (wall within 1.25x of the ideal, at most 5 % answered 429, every item ok). The ideal is the limit\'s rate for token buckets and 1 s windows, and for longer windows what a client that knows the limit needs: a whole quota at once, the next when the window reopens. Runs are 600 items, or two quotas of a longer window when that is more. Fixed windows are met at a point drawn for each run. docs/rate-gate.md says how the gate works and why the misses miss.',
			'The last table runs rows of the same family over real sockets: the node in n8n-core\'s engine, the sandbox in its child process, a fresh account per row; next to a bucket without burst, the best of a client pacing by hand on the same sockets.',
		],
		table: [],
		markdown: `${card.markdown}\n${gateRowsTable(sockets)}`,
		targets: [
			{
				goal: 'rate gate: every member of the simulated family meets its targets (1.25x of the ideal, at most 5 % answered 429, every item ok)',
				measured: `${met} of ${card.members} members; ${card.broken.length} beyond twice a target`,
				met: card.missed.length === 0,
			},
			{
				goal: 'rate gate over real sockets: every item ok, none cancelled twice',
				measured: sockets.map((s) => `${s.label}: ${s.succeeded}/${s.items}`).join('; '),
				met: sockets.every((s) => s.succeeded === s.items && s.doubleCancels === 0),
			},
		],
	};
}
