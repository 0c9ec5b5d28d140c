/**
 * One measured run: seed the sandbox, run a subject, read wall time, this process's CPU and
 * what the server saw.
 *
 * CPU is process.cpuUsage() (user + system, all threads of this process: the engine, the node,
 * isolated-vm's isolates, GC). The sandbox runs in a child process, so its CPU is not in it.
 */
import type { RemoteSandbox, SandboxStats } from './remoteSandbox';
import type { Subject } from './subjects';

export interface Measurement {
	wallMs: number;
	cpuMs: number;
	/** Items on the node's success output / error output. */
	succeeded: number;
	failed: number;
	/** The execution's status ('success', or 'error' when the node stopped the workflow). */
	status: string;
	server: SandboxStats;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measure(sandbox: RemoteSandbox, subject: Subject, items: number): Promise<Measurement> {
	await sandbox.restart(); // a new account for the node: no pace learnt by an earlier run
	const rows = await sandbox.seed(items);
	gc?.(); // start each run with a clean heap, so one run's garbage is not billed to the next
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	const result = await subject.run(sandbox, rows);
	const wallMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		succeeded: result.success.length,
		failed: result.error.length,
		status: result.status,
		server: await sandbox.stats(),
	};
}
