/** What every scenario shares: the context it runs in, the section it returns, repetitions. */
import { measure, type Measurement } from '../measure';
import type { ExpressionEngine } from '../../test/harness/expressionEngine';
import type { NodesBase } from '../nodesBase';
import type { RemoteSandbox } from '../remoteSandbox';
import { seconds } from '../stats';
import type { Subject } from '../subjects';

/** A target a scenario decides: met or missed, with what was measured. */
export interface Target {
	goal: string;
	measured: string;
	met: boolean;
}

export interface Section {
	title: string;
	notes: string[];
	table: string[][];
	/** Tables made elsewhere, already markdown: shown instead of `table`. */
	markdown?: string;
	targets: Target[];
}

export interface Context {
	sandbox: RemoteSandbox;
	nodesBase: NodesBase;
	log: (line: string) => void;
	/** Switches n8n's expression engine between runs (it is global: never while a run is going). */
	useEngine: (engine: ExpressionEngine) => Promise<void>;
}

/** Runs a subject `times` times in a row, logging each run. */
export async function repeat(ctx: Context, subject: Subject, items: number, times: number): Promise<Measurement[]> {
	const runs: Measurement[] = [];
	for (let i = 0; i < times; i++) {
		const m = await measure(ctx.sandbox, subject, items);
		ctx.log(`${subject.label}: ${seconds(m.wallMs)}, cpu ${m.cpuMs.toFixed(0)} ms, ok ${m.succeeded}, failed ${m.failed}`);
		runs.push(m);
	}
	return runs;
}
