/** 2,000 items at 25 ms latency, against the physical limit. */
import { median, ratio, seconds } from '../stats';
import { httpRequest, mercadoPago, undiciAlone, type Subject } from '../subjects';
import { repeat, type Context, type Section } from './common';

const LATENCY_ITEMS = 2000;
const LATENCY_MS = 25;

export async function latency(ctx: Context): Promise<Section> {
	await ctx.sandbox.configure(LATENCY_MS);
	const limit = (concurrency: number) => (LATENCY_ITEMS * LATENCY_MS) / concurrency;
	const { nodesBase } = ctx;
	// Runs of a minute or more get one repetition; the others three, reported as the median.
	const sixteen = mercadoPago('Mercado Pago, concurrency 16', { concurrency: 16 }, 16);
	const alone = undiciAlone('undici alone, 16 in flight (no n8n, no node): the best this machine and sandbox do', 16);
	const rows: Array<{ subject: Subject; times: number }> = [
		{ subject: mercadoPago('Mercado Pago, concurrency 1', { concurrency: 1 }, 1), times: 1 },
		{ subject: mercadoPago('Mercado Pago, default (concurrency 8)', {}, 8), times: 3 },
		{ subject: sixteen, times: 3 },
		{ subject: alone, times: 3 },
		{ subject: httpRequest(nodesBase, 'HTTP Request, defaults (no batching: every item at once)'), times: 3 },
		{
			subject: httpRequest(nodesBase, 'HTTP Request, batching 16 items / 1000 ms (the UI\'s default interval)', {
				batch: { batchSize: 16, batchInterval: 1000 },
			}),
			times: 1,
		},
		{
			subject: httpRequest(
				nodesBase,
				`HTTP Request, batching 16 items / ${LATENCY_MS} ms (interval = latency: ~16 in flight)`,
				{ batch: { batchSize: 16, batchInterval: LATENCY_MS } },
				16,
			),
			times: 3,
		},
	];

	const table = [['configuration', 'wall (median)', 'CPU (median)', 'runs', 'physical limit', 'wall / limit', 'succeeded', 'failed']];
	for (const c of [1, 8, 16]) {
		table.push([`physical limit: ${LATENCY_ITEMS} x ${LATENCY_MS} ms / ${c}`, seconds(limit(c)), '', '', '', '', '', '']);
	}
	let atSixteen = Number.NaN;
	let aloneAtSixteen = Number.NaN;
	for (const { subject, times } of rows) {
		const runs = await repeat(ctx, subject, LATENCY_ITEMS, times);
		const wall = median(runs.map((r) => r.wallMs));
		const bounded = subject.concurrency !== undefined;
		const last = runs[runs.length - 1];
		table.push([
			subject.label,
			seconds(wall),
			seconds(median(runs.map((r) => r.cpuMs))),
			String(times),
			bounded ? seconds(limit(subject.concurrency!)) : '—',
			bounded ? ratio(wall, limit(subject.concurrency!)) : '—',
			String(last.server.cancelled),
			String(LATENCY_ITEMS - last.server.cancelled),
		]);
		if (subject === sixteen) atSixteen = wall / limit(16);
		if (subject === alone) aloneAtSixteen = wall / limit(16);
	}
	return {
		title: `${LATENCY_ITEMS} items at ${LATENCY_MS} ms latency`,
		notes: [
			`Every answer of the sandbox waits ${LATENCY_MS} ms; no rate limit. "succeeded" counts the profiles the server holds as CANCELLED after the run.`,
			'The HTTP Request node has no concurrency setting: batching only sleeps between batches while it starts every request. Batch interval = latency is the closest it gets to 16 in flight.',
			'"CPU" is this process\'s CPU time during the run: where it comes close to the wall time, the run is bound by CPU (mostly expression evaluation), not by latency or concurrency.',
		],
		table,
		targets: [
			{
				goal: 'concurrency 16 within 1.15x of the physical limit',
				measured: `${atSixteen.toFixed(2)}x (undici alone on this machine: ${aloneAtSixteen.toFixed(2)}x)`,
				met: atSixteen <= 1.15,
			},
		],
	};
}
