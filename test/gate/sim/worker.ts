/**
 * Runs simulations in worker threads. Inside jest's module sandbox every `await` costs about
 * ten times what it costs in plain Node, and a simulation is millions of them; a worker is
 * plain Node. The worker loads the TypeScript sources through `typescript.transpileModule`
 * (no type check: `npm test` and the scorecard's build have checked them already).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Result, Run } from './simulate';

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const ts = require(require.resolve('typescript', { paths: [workerData.root] }));
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
	module._compile(ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText, filename);
};
const { simulate } = require(workerData.simulator);
parentPort.on('message', async ({ index, run }) => {
	try {
		parentPort.postMessage({ index, result: await simulate(run) });
	} catch (error) {
		parentPort.postMessage({ index, error: String((error && error.stack) || error) });
	}
});
`;

/** The project's root (where package.json is), from the sources or from their build in .cache/. */
function projectRoot(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
	return dir;
}

/** Simulates every run, each with a fresh clock and gate, on `threads` threads (the machine has two cores). */
export async function simulateAll(runs: Run[], threads = 2, onResult?: (index: number, result: Result) => void): Promise<Result[]> {
	const root = projectRoot();
	const results = new Array<Result>(runs.length);
	let next = 0;
	const thread = async () => {
		const worker = new Worker(BOOT, { eval: true, workerData: { root, simulator: path.join(root, 'test/gate/sim/simulate.ts') } });
		let pending: { resolve: (reply: { result?: Result; error?: string }) => void; reject: (error: Error) => void } | undefined;
		worker.on('message', (reply) => pending?.resolve(reply));
		worker.on('error', (error) => pending?.reject(error));
		try {
			while (next < runs.length) {
				const index = next++;
				const reply = await new Promise<{ result?: Result; error?: string }>((resolve, reject) => {
					pending = { resolve, reject };
					worker.postMessage({ index, run: runs[index] });
				});
				if (reply.error !== undefined) throw new Error(reply.error);
				results[index] = reply.result!;
				onResult?.(index, reply.result!);
			}
		} finally {
			await worker.terminate();
		}
	};
	await Promise.all(Array.from({ length: Math.min(threads, runs.length) }, thread));
	return results;
}
