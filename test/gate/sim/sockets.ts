/**
 * The scorecard's part over real sockets: rows of the issue's table, run as an integrator would,
 * the node in n8n-core's engine (test/harness) against the sandbox on loopback, a fresh account
 * per run, 25 ms answers, default options at concurrency 16. The ideal is the one the simulation
 * uses; the machine's noise lands in the ratio, so these rows are read, not held to targets.
 */
import type { IDataObject } from 'n8n-workflow';
import { runCancel } from '../../harness/runMercadoPago';
import { startSandbox } from '../../sandbox/server';
import type { RateLimitOptions } from '../../sandbox/types';
import { knowingClientMs, LATENCY_MS, pacedMs } from './ideal';

interface SocketRow {
	label: string;
	limit: RateLimitOptions;
	items: number;
}

export const SOCKET_ROWS: SocketRow[] = [
	{ label: 'token bucket, burst 1, 300 req/s', limit: { rps: 300, burst: 1, retryAfter: 1 }, items: 600 },
	{ label: 'fixed 1 s window, 20 req/s', limit: { rps: 20, shape: 'fixedWindow', retryAfter: 1 }, items: 600 },
	{ label: 'sliding 10 s window, 250 per 10 s', limit: { rps: 25, shape: 'slidingWindow', windowMs: 10_000, retryAfter: 1 }, items: 600 },
	{ label: 'fixed 60 s window, 300 per minute, Retry-After: 1', limit: { rps: 5, shape: 'fixedWindow', windowMs: 60_000, retryAfter: 1 }, items: 600 },
];

export interface SocketResult {
	label: string;
	wallRatio: number;
	share: number;
	succeeded: number;
	items: number;
	/** Profiles cancelled more than once: must stay 0. */
	twice: number;
}

export async function runOverSockets(row: SocketRow): Promise<SocketResult> {
	const sb = await startSandbox({ latencyMs: LATENCY_MS, rateLimit: row.limit });
	try {
		const rows: IDataObject[] = [];
		for (const { customer, profiles } of sb.seed(Math.ceil(row.items / 10), 10)) {
			for (const profile of profiles) rows.push({ customerId: customer.id, paymentProfileId: profile.id });
		}
		rows.length = row.items;
		// The sandbox's fixed windows run on this process's clock: the run meets one where it is now.
		const phaseMs = performance.now();
		sb.rateLimit = row.limit;
		const started = performance.now();
		const result = await runCancel(sb, { items: rows, options: { concurrency: 16 }, onError: 'continueErrorOutput' });
		const wallMs = performance.now() - started;
		const long = row.limit.shape !== undefined && row.limit.shape !== 'bucket' && (row.limit.windowMs ?? 1000) > 1000;
		const ideal = long ? knowingClientMs({ limit: row.limit, items: row.items, concurrency: 16, phaseMs }) : pacedMs(row.items, row.limit.rps);
		const throttled = sb.requests.filter((r) => r.status === 429).length;
		const twice = rows.filter((r) => sb.cancelCount(r.customerId as string, r.paymentProfileId as string) > 1).length;
		return { label: row.label, wallRatio: wallMs / ideal, share: throttled / sb.requests.length, succeeded: result.success.length, items: row.items, twice };
	} finally {
		await sb.close();
	}
}

export function socketTable(results: SocketResult[]): string {
	return [
		'| limiter (600 items, concurrency 16, real sockets) | wall ÷ ideal | 429 share | items ok |',
		'| --- | --- | --- | --- |',
		...results.map((r) => `| ${r.label} | ${r.wallRatio.toFixed(2)}x | ${(100 * r.share).toFixed(1)} % | ${r.succeeded === r.items ? 'all' : `${r.succeeded} of ${r.items}`} |`),
		'',
	].join('\n');
}
