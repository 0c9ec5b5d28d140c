/** Issue 3, scenario 2: 600 items against a server that allows 100 requests per second. */
import type { Measurement } from '../measure';
import { median, ratio, seconds } from '../stats';
import { httpRequest, mercadoPago, mercadoPagoHasOption, type Subject } from '../subjects';
import { repeat, type Context, type Section } from './common';

const LIMITED_ITEMS = 600;
const LIMIT_RPS = 100;
const LIMITED_LATENCY_MS = 25;

export async function rateLimited(ctx: Context): Promise<Section> {
	await ctx.sandbox.configure(LIMITED_LATENCY_MS, { rps: LIMIT_RPS });
	const ideal = (LIMITED_ITEMS / LIMIT_RPS) * 1000;
	const { nodesBase } = ctx;
	const defaults = mercadoPago('Mercado Pago, defaults', {});
	const subjects: Subject[] = [defaults];
	if (mercadoPagoHasOption('requestsPerSecond')) {
		subjects.push(mercadoPago(`Mercado Pago, Max Requests per Second ${LIMIT_RPS}`, { requestsPerSecond: LIMIT_RPS }));
	}
	subjects.push(
		httpRequest(nodesBase, 'HTTP Request, defaults'),
		httpRequest(nodesBase, 'HTTP Request, Retry On Fail (3 tries, 1000 ms; On Error: stop, as retries need)', {
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
		}),
	);

	const table = [
		[
			'configuration', 'succeeded', 'failed', 'wall (median)', `wall / ${seconds(ideal)}`,
			'node output: ok / error', 'requests sent', '429 answers', 'cancelled twice',
		],
	];
	let mine: Measurement[] = [];
	for (const subject of subjects) {
		const runs = await repeat(ctx, subject, LIMITED_ITEMS, 3);
		if (subject === defaults) mine = runs;
		// The run with the median wall time stands for the configuration.
		const typical = [...runs].sort((a, b) => a.wallMs - b.wallMs)[1];
		table.push([
			subject.label,
			String(typical.server.cancelled),
			String(LIMITED_ITEMS - typical.server.cancelled),
			seconds(typical.wallMs),
			ratio(typical.wallMs, ideal),
			typical.status === 'success' ? `${typical.succeeded} / ${typical.failed}` : `run ${typical.status}`,
			String(typical.server.requests),
			String(typical.server.statuses['429'] ?? 0),
			String(typical.server.doubleCancels),
		]);
	}
	const worstOk = Math.min(...mine.map((m) => m.server.cancelled));
	const wall = median(mine.map((m) => m.wallMs));
	return {
		title: `${LIMITED_ITEMS} items against a server that allows ${LIMIT_RPS} requests per second`,
		notes: [
			`The sandbox's token bucket: ${LIMIT_RPS} requests/s sustained, bursts of ${LIMIT_RPS}, 429 with Retry-After: 1 beyond; answers wait ${LIMITED_LATENCY_MS} ms. Limit: ${LIMITED_ITEMS} / ${LIMIT_RPS} per s = ${seconds(ideal)}.`,
			'"succeeded" counts the profiles the server holds as CANCELLED (for the stopped HTTP Request run the node itself reports none); the row is the run with the median wall time of 3.',
			"Retry On Fail re-runs the whole node, and n8n ignores it while On Error is a continue mode, so that row stops the workflow when the tries run out.",
		],
		table,
		targets: [
			{
				goal: `all ${LIMITED_ITEMS} items succeed within 1.3x of ${seconds(ideal)} (node defaults, every run)`,
				measured: `${worstOk}/${LIMITED_ITEMS} in the worst run, median ${ratio(wall, ideal)}`,
				met: worstOk === LIMITED_ITEMS && wall <= 1.3 * ideal,
			},
		],
	};
}
