/**
 * Runs simulations in a worker thread. Inside jest's module sandbox every `await` costs about
 * ten times what it costs in plain Node, and a simulation is millions of them; a worker is
 * plain Node, so the whole matrix takes seconds. The worker loads these TypeScript sources
 * through `typescript.transpileModule` (no type check: jest has checked them already).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Outcome, Scenario } from './population';

export type Summary = Omit<Outcome, 'clock' | 'gate'>;

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const ts = require(require.resolve('typescript', { paths: [workerData.root] }));
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
	module._compile(ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText, filename);
};
const { simulate } = require(workerData.population);
(async () => {
	const summaries = [];
	for (const scenario of workerData.scenarios) {
		const { clock, gate, ...summary } = await simulate(scenario);
		summaries.push(summary);
	}
	parentPort.postMessage(summaries);
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/** Simulates every scenario, each with a fresh clock and gate, on two threads (the machine's cores). */
export async function simulateAll(scenarios: Scenario[]): Promise<Summary[]> {
	const halves = [0, 1].map((half) => scenarios.filter((_, i) => i % 2 === half));
	const [even, odd] = await Promise.all(halves.map(simulateInOrder));
	return scenarios.map((_, i) => (i % 2 === 0 ? even[i / 2] : odd[(i - 1) / 2]));
}

/** The project's root (where package.json is), from the sources or from their build in .cache/. */
function projectRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
	return dir;
}

async function simulateInOrder(scenarios: Scenario[]): Promise<Summary[]> {
	const root = projectRoot();
	const worker = new Worker(BOOT, {
		eval: true,
		workerData: { scenarios, root, population: path.join(root, 'test/gate/sim/population.ts') },
	});
	try {
		const result = await new Promise<Summary[] | { error: string }>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		if (!Array.isArray(result)) throw new Error(result.error);
		return result;
	} finally {
		await worker.terminate();
	}
}
