/**
 * The three scenarios of issue 3: throughput at latency, a rate-limited server, CPU per item.
 * Each returns a section of BENCHMARKS.md: a table and the targets it decides.
 */
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { runNode } from '../test/harness/harness';
import { measure, type Measurement } from './measure';
import type { NodesBase } from './nodesBase';
import type { RemoteSandbox } from './remoteSandbox';
import { median, ratio, seconds } from './stats';
import { httpRequest, mercadoPago, mercadoPagoHasOption, type Subject } from './subjects';

export interface Target {
	goal: string;
	measured: string;
	met: boolean;
}

export interface Section {
	title: string;
	notes: string[];
	table: string[][];
	targets: Target[];
}

export interface Context {
	sandbox: RemoteSandbox;
	nodesBase: NodesBase;
	log: (line: string) => void;
}

async function repeat(ctx: Context, subject: Subject, items: number, times: number): Promise<Measurement[]> {
	const runs: Measurement[] = [];
	for (let i = 0; i < times; i++) {
		const m = await measure(ctx.sandbox, subject, items);
		ctx.log(`${subject.label}: ${seconds(m.wallMs)}, cpu ${m.cpuMs.toFixed(0)} ms, ok ${m.succeeded}, failed ${m.failed}`);
		runs.push(m);
	}
	return runs;
}

// ---------------------------------------------------------------------------------------
// 1. 2,000 items at 25 ms latency
// ---------------------------------------------------------------------------------------

const LATENCY_ITEMS = 2000;
const LATENCY_MS = 25;

export async function latency(ctx: Context): Promise<Section> {
	await ctx.sandbox.configure(LATENCY_MS);
	const limit = (concurrency: number) => (LATENCY_ITEMS * LATENCY_MS) / concurrency;
	const { nodesBase } = ctx;
	// Runs near a minute get one repetition; the others three, reported as the median.
	const sixteen = mercadoPago('Mercado Pago, concurrency 16', { concurrency: 16 }, 16);
	const rows: Array<{ subject: Subject; times: number }> = [
		{ subject: mercadoPago('Mercado Pago, concurrency 1', { concurrency: 1 }, 1), times: 1 },
		{ subject: mercadoPago('Mercado Pago, default (concurrency 8)', {}, 8), times: 3 },
		{ subject: sixteen, times: 3 },
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
				measured: `${atSixteen.toFixed(2)}x`,
				met: atSixteen <= 1.15,
			},
		],
	};
}

// ---------------------------------------------------------------------------------------
// 2. 600 items against a server that allows 100 requests per second
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// 3. CPU per item at zero latency
// ---------------------------------------------------------------------------------------

const CPU_ITEMS = 2000;
const CPU_REPETITIONS = 5;

/** The engine and the harness alone: a node that passes its items through. */
function passThrough(): Subject {
	const nodeType: INodeType = {
		description: {
			displayName: 'Pass Through',
			name: 'passThrough',
			group: ['transform'],
			version: 1,
			description: 'Returns its input',
			defaults: { name: 'Pass Through' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
	return {
		label: 'baseline: engine + input node, a node that passes items through',
		run: (_sandbox, rows) =>
			runNode({ nodeType, nodeTypeName: 'bench.passThrough', parameters: {}, items: rows as never[] }),
	};
}

export async function cpu(ctx: Context): Promise<Section> {
	await ctx.sandbox.configure(0);
	const mine = mercadoPago('Mercado Pago, defaults', {});
	const theirs = httpRequest(ctx.nodesBase, 'HTTP Request, defaults');
	const subjects = [mine, theirs, passThrough()];
	const runs = new Map<Subject, Measurement[]>(subjects.map((s) => [s, []]));
	// A warm-up each (JIT, isolate, connection setup), then rounds alternating the subjects,
	// so a burst of load from elsewhere on the machine hits all of them alike.
	for (const s of subjects) await measure(ctx.sandbox, s, CPU_ITEMS);
	for (let round = 0; round < CPU_REPETITIONS; round++) {
		for (const s of subjects) runs.get(s)!.push(...(await repeat(ctx, s, CPU_ITEMS, 1)));
	}
	const perItem = (s: Subject) => runs.get(s)!.map((m) => (m.cpuMs * 1000) / CPU_ITEMS);
	const reference = median(perItem(theirs));
	const table = [['configuration', 'CPU per item (median)', 'min – max', 'wall (median)', 'vs HTTP Request']];
	for (const s of subjects) {
		const values = perItem(s);
		table.push([
			s.label,
			`${median(values).toFixed(0)} µs`,
			`${Math.min(...values).toFixed(0)} – ${Math.max(...values).toFixed(0)} µs`,
			seconds(median(runs.get(s)!.map((m) => m.wallMs))),
			ratio(median(values), reference),
		]);
	}
	const share = median(perItem(mine)) / reference;
	return {
		title: `CPU per item at zero latency (${CPU_ITEMS} items, ${CPU_REPETITIONS} runs each)`,
		notes: [
			'CPU is process.cpuUsage() of the benchmark process (user + system, every thread: engine, node, isolated-vm, GC) over one run, divided by the items. The sandbox runs in a child process, so its CPU is not counted.',
			'After one warm-up run each, the configurations take turns, so load from elsewhere on the machine falls on all of them alike. The baseline is what every node pays for the engine and the input node.',
		],
		table,
		targets: [
			{
				goal: "at most half the HTTP Request node's CPU per item",
				measured: `${share.toFixed(2)}x`,
				met: share <= 0.5,
			},
		],
	};
}
