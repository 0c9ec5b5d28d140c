/**
 * One loopback sandbox per test file (or describe block): started before its first test,
 * closed after its last, and before each test put back as it started (data, request log,
 * faults, latency, rate limit) with a new token, so one test's rate gate and pool, which the
 * node keeps per credential for the whole process, never meet the next test. Returns an accessor: the sandbox exists once tests run.
 */
import { startSandbox, type Sandbox } from '../sandbox/server';
import type { SandboxOptions } from '../sandbox/types';

export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox!: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.newCredential();
		sandbox.latencyMs = options.latencyMs ?? 0;
		sandbox.rateLimit = options.rateLimit;
	});
	return () => sandbox;
}
