/**
 * 600 items against a server that allows 100 requests per second, behind limiters of the
 * shapes an integrator meets: Mercado Pago publishes no limits, so the node cannot know which.
 */
import type { RateLimitOptions } from '../../test/sandbox/types';
import type { Measurement } from '../measure';
import { median, ratio, seconds } from '../stats';
import { httpRequest, mercadoPago, mercadoPagoHasOption, undiciPaced, type Subject } from '../subjects';
import { repeat, type Context, type Section, type Target } from './common';

const LIMITED_ITEMS = 600;
const LIMIT_RPS = 100;
const LIMITED_LATENCY_MS = 25;
/** Runs of each configuration the targets are judged on; the others run once. */
const JUDGED_RUNS = 3;

/** Targets, with default options and at concurrency 16, on every shape. */
const MAX_RATIO = 1.25;
const MAX_THROTTLED_SHARE = 0.05;

interface Shape {
	label: string;
	limit: RateLimitOptions;
	/**
	 * Paces a hand-tuned client tries against this shape, the best of which is shown: a limiter
	 * that allows no burst refuses a request that arrives early by a fraction of a millisecond,
	 * so the machine's timing, not the node, bounds what anyone gets from it.
	 */
	handPaced?: number[];
}

/** Retry-After is 1 s unless a shape says otherwise, as the sandbox (and many gateways) send. */
const SHAPES: Shape[] = [
	{ label: 'token bucket, burst 100', limit: { rps: LIMIT_RPS, shape: 'bucket', burst: 100 } },
	{ label: 'token bucket, burst 10', limit: { rps: LIMIT_RPS, shape: 'bucket', burst: 10 } },
	{ label: 'token bucket, burst 1', limit: { rps: LIMIT_RPS, shape: 'bucket', burst: 1 }, handPaced: [70, 75, 80, 85, 90, 95, 100] },
	{ label: 'fixed 1-second window', limit: { rps: LIMIT_RPS, shape: 'fixedWindow', windowMs: 1000 } },
	{ label: 'sliding 1-second window', limit: { rps: LIMIT_RPS, shape: 'slidingWindow', windowMs: 1000 } },
	{
		label: 'token bucket, burst 10, 429 with Retry-After: 0',
		limit: { rps: LIMIT_RPS, shape: 'bucket', burst: 10, retryAfter: 0 },
	},
];

interface Row {
	subject: Subject;
	runs: number;
	/** Judged against the targets. */
	judged: boolean;
	/** Only on the first shape: what the earlier benchmark showed, kept for comparison. */
	firstShapeOnly?: boolean;
}

function throttled(m: Measurement): number {
	return m.server.statuses['429'] ?? 0;
}

function share(m: Measurement): number {
	return m.server.requests === 0 ? 0 : throttled(m) / m.server.requests;
}

function percent(x: number): string {
	return `${(100 * x).toFixed(1)} %`;
}

/**
 * One run of a hand-paced client at each pace; the fastest that sends every item and meets the
 * 429 target, labelled with its pace, or the fastest of all when none meets it.
 */
async function bestHandPaced(ctx: Context, paces: number[]): Promise<{ subject: Subject; run: Measurement }> {
	const tried: { subject: Subject; run: Measurement }[] = [];
	for (const pace of paces) {
		const subject = undiciPaced(`undici alone, paced by hand at ${pace} req/s (the best of ${paces.join(', ')} here; no n8n, no node)`, pace);
		tried.push({ subject, run: (await repeat(ctx, subject, LIMITED_ITEMS, 1))[0] });
	}
	const fine = tried.filter(({ run }) => run.server.cancelled === LIMITED_ITEMS && share(run) <= MAX_THROTTLED_SHARE);
	return (fine.length > 0 ? fine : tried).reduce((a, b) => (b.run.wallMs < a.run.wallMs ? b : a));
}

export async function rateLimited(ctx: Context): Promise<Section> {
	const ideal = (LIMITED_ITEMS / LIMIT_RPS) * 1000;
	const { nodesBase } = ctx;
	const rows: Row[] = [
		{ subject: mercadoPago('Mercado Pago, defaults', {}), runs: JUDGED_RUNS, judged: true },
		{ subject: mercadoPago('Mercado Pago, concurrency 16', { concurrency: 16 }), runs: JUDGED_RUNS, judged: true },
		{
			subject: httpRequest(nodesBase, 'HTTP Request, batching hand-tuned to 10 items / 100 ms', {
				batch: { batchSize: 10, batchInterval: 100 },
			}),
			runs: 1,
			judged: false,
		},
	];
	if (mercadoPagoHasOption('requestsPerSecond')) {
		const known = mercadoPago(`Mercado Pago, Max Requests per Second ${LIMIT_RPS} (a known limit)`, { requestsPerSecond: LIMIT_RPS });
		rows.push({ subject: known, runs: 1, judged: false, firstShapeOnly: true });
	}
	rows.push(
		{ subject: httpRequest(nodesBase, 'HTTP Request, defaults'), runs: 1, judged: false, firstShapeOnly: true },
		{
			subject: httpRequest(nodesBase, 'HTTP Request, Retry On Fail (3 tries, 1000 ms; On Error: stop, as retries need)', {
				settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
			}),
			runs: 1,
			judged: false,
			firstShapeOnly: true,
		},
	);

	const table = [
		[
			'limiter at 100 req/s', 'configuration', 'succeeded', 'failed', 'wall (median)', `wall / ${seconds(ideal)}`,
			'requests sent', '429 answers', '429 share', 'cancelled twice', 'runs',
		],
	];
	const targets: Target[] = [];
	const tableRow = (shape: Shape, label: string, runs: Measurement[]): string[] => {
		// The run with the median wall time stands for the configuration.
		const typical = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
		const wall = median(runs.map((m) => m.wallMs));
		return [
			shape.label, label, String(typical.server.cancelled), String(LIMITED_ITEMS - typical.server.cancelled), seconds(wall),
			ratio(wall, ideal), String(typical.server.requests), String(throttled(typical)), percent(share(typical)),
			String(typical.server.doubleCancels), String(runs.length),
		];
	};
	for (const [index, shape] of SHAPES.entries()) {
		await ctx.sandbox.configure(LIMITED_LATENCY_MS, shape.limit);
		ctx.log(`limiter: ${shape.label}`);
		const bound = shape.handPaced && (await bestHandPaced(ctx, shape.handPaced));
		if (bound) table.push(tableRow(shape, bound.subject.label, [bound.run]));
		for (const row of rows) {
			if (row.firstShapeOnly && index > 0) continue;
			const runs = await repeat(ctx, row.subject, LIMITED_ITEMS, row.runs);
			table.push(tableRow(shape, row.subject.label, runs));
			if (!row.judged) continue;
			const wall = median(runs.map((m) => m.wallMs));
			const worstOk = Math.min(...runs.map((m) => m.server.cancelled));
			const throttledShare = median(runs.map(share));
			const best = bound ? `; the best hand-paced client here: ${ratio(bound.run.wallMs, ideal)}` : '';
			targets.push({
				goal: `${row.subject.label}, ${shape.label}: all ${LIMITED_ITEMS} succeed, wall within ${MAX_RATIO}x, at most ${percent(MAX_THROTTLED_SHARE)} answered 429`,
				measured: `${worstOk}/${LIMITED_ITEMS} in the worst of ${runs.length} runs, ${ratio(wall, ideal)}, ${percent(throttledShare)} 429${best}`,
				met: worstOk === LIMITED_ITEMS && wall <= MAX_RATIO * ideal && throttledShare <= MAX_THROTTLED_SHARE,
			});
		}
	}
	return {
		title: `${LIMITED_ITEMS} items against a server that allows ${LIMIT_RPS} requests per second, limiters of every shape`,
		notes: [
			`The sandbox's limiters, each at ${LIMIT_RPS} requests/s: a token bucket (refills ${LIMIT_RPS}/s, holds "burst" tokens), a fixed window (${LIMIT_RPS} per calendar second) and a sliding window (${LIMIT_RPS} in any second). Beyond the limit they answer 429 with Retry-After: 1, except the last row's, which says Retry-After: 0. Answers wait ${LIMITED_LATENCY_MS} ms. Limit: ${LIMITED_ITEMS} / ${LIMIT_RPS} per s = ${seconds(ideal)}.`,
			`"succeeded" counts the profiles the server holds as CANCELLED after the run; "429 share" is 429 answers over requests sent. Judged configurations run ${JUDGED_RUNS} times: the wall is their median, the other columns are the run with the median wall time, and the targets take the worst run's successes and the median 429 share. Every run meets the sandbox on a new port, a new account for the node, so no run starts with the pace an earlier one learnt.`,
			'The HTTP Request node has no limiter of its own: batching 10 items every 100 ms is the hand-tuned setting for 100 requests/s. The last rows of the first limiter are for comparison: a user who knows the limit, and the HTTP Request node as it comes. Retry On Fail re-runs the whole node, and n8n ignores it while On Error is a continue mode, so that row stops the workflow when the tries run out.',
			`A token bucket of burst 1 refuses any request that arrives less than ${1000 / LIMIT_RPS} ms after the last accepted one, so timing noise between the sender's timer and the server's clock (timer granularity, sockets, both event loops) turns into 429s below the nominal limit, and the best pace sits below it. The "paced by hand" row is a client without n8n or the node, sending at a fixed pace with this process's timers and retrying 429s after their Retry-After, tried at several paces: the best of them is what this machine allows against that limiter, next to the nominal limit.`,
		],
		table,
		targets,
	};
}
