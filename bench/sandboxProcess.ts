/**
 * The sandbox in its own process, driven over IPC by remoteSandbox.ts.
 *
 * Why a child process: the benchmark measures the node's CPU with process.cpuUsage(), which
 * must not include the server's work; and a server sharing the node's event loop would
 * answer late whenever the node is busy, which would blur latency-bound timings.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../test/sandbox/server';
import type { Row, SandboxCommand, SandboxStats } from './remoteSandbox';

let sandbox: Sandbox | undefined;
let startOptions: SandboxOptions = {};
let rows: Row[] = [];

function need(): Sandbox {
	if (!sandbox) throw new Error('sandbox not started');
	return sandbox;
}

/** Seeds `n` READY profiles spread over customers of 10, like a sheet of subscriptions. */
function seed(n: number): Row[] {
	const sb = need();
	sb.reset();
	rows = [];
	for (const { customer, profiles } of sb.seed(Math.ceil(n / 10), 10)) {
		for (const profile of profiles) rows.push({ customerId: customer.id, paymentProfileId: profile.id });
	}
	rows.length = n;
	return rows;
}

function stats(): SandboxStats {
	const sb = need();
	const cancelled = rows.filter((r) => sb.getProfile(r.customerId, r.paymentProfileId)?.status === 'CANCELLED').length;
	const doubleCancels = rows.filter((r) => sb.cancelCount(r.customerId, r.paymentProfileId) > 1).length;
	const statuses: Record<string, number> = {};
	for (const entry of sb.requests) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
	return {
		requests: sb.requests.length,
		statuses,
		cancelled,
		doubleCancels,
		connectionsOpened: sb.connectionsOpened,
		peakInFlight: sb.peakInFlight,
	};
}

async function handle(command: SandboxCommand): Promise<unknown> {
	switch (command.op) {
		case 'start':
			startOptions = command.options;
			sandbox = await startSandbox(startOptions);
			return { url: sandbox.url, token: sandbox.token };
		case 'restart': {
			const { latencyMs, rateLimit } = need();
			await sandbox!.close();
			sandbox = await startSandbox({ ...startOptions, latencyMs, rateLimit });
			return { url: sandbox.url, token: sandbox.token };
		}
		case 'configure':
			need().latencyMs = command.latencyMs;
			need().rateLimit = command.rateLimit;
			return null;
		case 'seed':
			return seed(command.items);
		case 'stats':
			return stats();
		case 'now':
			return performance.now();
		case 'close':
			await sandbox?.close();
			sandbox = undefined;
			return null;
	}
}

process.on('message', (message: { id: number; command: SandboxCommand }) => {
	handle(message.command).then(
		(result) => process.send!({ id: message.id, result }),
		(error: Error) => process.send!({ id: message.id, error: error.message }),
	);
});
process.on('disconnect', () => process.exit(0));
