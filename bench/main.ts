/**
 * `npm run bench`: runs the scenarios and writes BENCHMARKS.md. A benchmark, not a test:
 * nothing here fails on a number; the report says which targets were met.
 *
 * Runs under Node 24 (scripts/node24.js) because n8n's production expression engine,
 * isolated-vm, needs it, and that engine is where most per-item CPU goes.
 * BENCH_ONLY=latency,ratelimit,burst,cpu,gate runs some scenarios and only prints them (no BENCHMARKS.md).
 */
import './env'; // log level, before n8n-core loads
import '../test/harness/env'; // before n8n-core loads
import * as os from 'node:os';
import { Expression } from 'n8n-workflow';
import {
	activeExpressionEngine,
	startExpressionEngine,
	stopExpressionEngine,
	type ExpressionEngine,
} from '../test/harness/expressionEngine';
import { loadNodesBase } from './nodesBase';
import { RemoteSandbox } from './remoteSandbox';
import { render, write } from './report';
import { type Context, type Section } from './scenarios/common';
import { burst } from './scenarios/burst';
import { cpu } from './scenarios/cpu';
import { gate } from './scenarios/gate';
import { latency } from './scenarios/latency';
import { rateLimited } from './scenarios/rateLimited';

const SCENARIOS = { latency, ratelimit: rateLimited, burst, cpu, gate };

async function main(): Promise<void> {
	const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()) ?? Object.keys(SCENARIOS);
	const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

	// BENCH_ENGINE=legacy shows what the engine costs; the report's numbers use vm.
	const engine: ExpressionEngine = process.env.BENCH_ENGINE === 'legacy' ? 'legacy' : 'vm';
	await startExpressionEngine(engine);
	const nodesBase = loadNodesBase();
	const sandbox = await RemoteSandbox.start();
	const startedAt = new Date();
	const loadBefore = os.loadavg();
	log(`node ${process.version}, expression engine ${activeExpressionEngine()}, n8n-nodes-base ${nodesBase.version}`);

	const useEngine = async (wanted: ExpressionEngine) => {
		if (activeExpressionEngine() === wanted) return;
		await stopExpressionEngine();
		// Disposing the isolates leaves n8n-workflow set to vm, failing every expression after.
		if (wanted === 'legacy') Expression.setExpressionEngine('legacy');
		else await startExpressionEngine(wanted);
	};
	const ctx: Context = { sandbox, nodesBase, log, useEngine };
	const sections: Section[] = [];
	try {
		for (const [name, scenario] of Object.entries(SCENARIOS)) {
			if (!only.includes(name)) continue;
			log(`scenario ${name}`);
			sections.push(await scenario(ctx));
			await useEngine(engine); // a scenario may have switched it
		}
	} finally {
		await sandbox.close();
		await stopExpressionEngine();
	}

	const markdown = render(sections, {
		startedAt,
		finishedAt: new Date(),
		engine,
		nodesBaseVersion: nodesBase.version,
		httpRequestVersion: nodesBase.httpRequestVersion,
		loadBefore,
		loadAfter: os.loadavg(),
	});
	if (sections.length === Object.keys(SCENARIOS).length) log(`wrote ${write(markdown)}`);
	process.stdout.write(markdown);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
