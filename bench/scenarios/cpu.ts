/** CPU per item at zero latency, this node against the HTTP Request node. */
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { runNode } from '../../test/harness/harness';
import { measure, type Measurement } from '../measure';
import { median, ratio, seconds } from '../stats';
import { httpRequest, mercadoPago, type Subject } from '../subjects';
import { repeat, type Context, type Section } from './common';

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
