/**
 * Rows of the table over real sockets, for `npm run gate:scorecard` and the bench: the
 * node in n8n-core's engine against the sandbox in a child process, a fresh account per run,
 * 25 ms answers, default options at concurrency 16. The ideal is the one the simulation uses
 * (test/gate/sim/ideal.ts). Against a bucket without burst a client pacing by hand runs on the
 * same sockets too: timing noise between two processes refuses requests sent below the limit,
 * and the best fixed pace is what any client gets here.
 */
import type { RateLimitOptions } from '../test/sandbox/types';
import { knowingClientMs, LATENCY_MS, pacedMs } from '../test/gate/sim/ideal';
import { measure } from './measure';
import type { RemoteSandbox } from './remoteSandbox';
import { mercadoPago, undiciPaced } from './subjects';

export interface GateRow {
	label: string;
	limit: RateLimitOptions;
	items: number;
	/** Paces, as shares of the limit, a client pacing by hand tries; the best is shown. */
	handPaced?: number[];
}

export const GATE_ROWS: GateRow[] = [
	{ label: 'token bucket, burst 1, 300 req/s', limit: { rps: 300, burst: 1, retryAfter: 1 }, items: 600, handPaced: [0.9, 0.8, 0.7, 0.6, 0.5] },
	{ label: 'fixed 1 s window, 20 req/s', limit: { rps: 20, shape: 'fixedWindow', retryAfter: 1 }, items: 600 },
	{ label: 'sliding 10 s window, 250 per 10 s', limit: { rps: 25, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 1 }, items: 600 },
	{ label: 'fixed 60 s window, 300 per minute, Retry-After: 1', limit: { rps: 5, shape: 'fixedWindow', windowMs: 60_000, retryAfter: 1 }, items: 600 },
];

export interface GateRowResult {
	label: string;
	wallRatio: number;
	share: number;
	succeeded: number;
	items: number;
	/** Profiles cancelled more than once: must stay 0. */
	doubleCancels: number;
	/** The best hand-paced client's wall over the same ideal, at most 5 % answered 429. */
	handPaced?: number;
}

function idealMs(row: GateRow, phaseMs: number): number {
	const long = row.limit.shape !== undefined && row.limit.shape !== 'bucket' && (row.limit.windowMs ?? 1000) > 1000;
	return long ? knowingClientMs({ limit: row.limit, items: row.items, concurrency: 16, phaseMs }) : pacedMs(row.items, row.limit.rps);
}

export async function runGateRow(sandbox: RemoteSandbox, row: GateRow): Promise<GateRowResult> {
	await sandbox.configure(LATENCY_MS, row.limit);
	// The sandbox's fixed windows run on its own clock: the run meets one where it stands now.
	const phaseMs = await sandbox.now();
	const m = await measure(sandbox, mercadoPago('Mercado Pago, concurrency 16', { concurrency: 16 }), row.items);
	const ideal = idealMs(row, phaseMs);
	let handPaced: number | undefined;
	for (const share of row.handPaced ?? []) {
		const hand = await measure(sandbox, undiciPaced('by hand', share * row.limit.rps), row.items);
		const refused = hand.server.statuses['429'] ?? 0;
		if (hand.server.cancelled === row.items && refused <= 0.05 * hand.server.requests) handPaced = Math.min(handPaced ?? Infinity, hand.wallMs / ideal);
	}
	return {
		label: row.label,
		wallRatio: m.wallMs / ideal,
		share: (m.server.statuses['429'] ?? 0) / m.server.requests,
		succeeded: m.succeeded,
		items: row.items,
		doubleCancels: m.server.doubleCancels,
		handPaced,
	};
}

export function gateRowsTable(results: GateRowResult[]): string {
	return [
		'| limiter (600 items, concurrency 16, real sockets) | wall ÷ ideal | 429 share | items ok | the best pace by hand, same sockets |',
		'| --- | --- | --- | --- | --- |',
		...results.map((r) => {
			const ok = r.succeeded === r.items ? 'all' : `${r.succeeded} of ${r.items}`;
			const hand = r.handPaced === undefined ? '' : `${r.handPaced.toFixed(2)}x`;
			return `| ${r.label} | ${r.wallRatio.toFixed(2)}x | ${(100 * r.share).toFixed(1)} % | ${ok} | ${hand} |`;
		}),
		'',
	].join('\n');
}
