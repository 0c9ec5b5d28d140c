/**
 * Parent side of bench/sandboxProcess.ts: test/sandbox's server, run in a child process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { RateLimitOptions, SandboxOptions } from '../test/sandbox/server';

export interface Row {
	customerId: string;
	paymentProfileId: string;
}

export interface SandboxStats {
	/** Requests the server received. */
	requests: number;
	/** Requests by the status answered (0 = none, e.g. the client went away). */
	statuses: Record<string, number>;
	/** Seeded profiles now CANCELLED: what the user wanted done, whatever the node reported. */
	cancelled: number;
	/** Profiles that changed to CANCELLED more than once (must stay 0). */
	doubleCancels: number;
	/** TCP connections clients opened since the seed. */
	connectionsOpened: number;
	/** Most requests the server held open at once since the seed. */
	peakInFlight: number;
}

export type SandboxCommand =
	| { op: 'start'; options: SandboxOptions }
	| { op: 'configure'; latencyMs: number; rateLimit?: RateLimitOptions }
	| { op: 'restart' }
	| { op: 'seed'; items: number }
	| { op: 'stats' }
	| { op: 'now' }
	| { op: 'close' };

export class RemoteSandbox {
	url = '';
	token = '';
	private nextId = 0;
	private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
			const waiter = this.pending.get(m.id);
			this.pending.delete(m.id);
			if (m.error !== undefined) waiter?.reject(new Error(`sandbox process: ${m.error}`));
			else waiter?.resolve(m.result);
		});
	}

	static async start(options: SandboxOptions = {}): Promise<RemoteSandbox> {
		const child = fork(path.join(__dirname, 'sandboxProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const remote = new RemoteSandbox(child);
		remote.address(await remote.call({ op: 'start', options }));
		return remote;
	}

	/** Latency of every answer, and the limiter in front of every request (any shape; none when undefined). */
	configure(latencyMs: number, rateLimit?: RateLimitOptions): Promise<void> {
		return this.call({ op: 'configure', latencyMs, rateLimit }) as Promise<void>;
	}

	/**
	 * The same sandbox (latency, limiter) on a new port. The node keeps one pool and one rate
	 * gate per account (Base URL and token) for the whole process: a new URL is a new account,
	 * so a run does not start with the pace an earlier run learnt.
	 */
	async restart(): Promise<void> {
		this.address(await this.call({ op: 'restart' }));
	}

	/** Resets the sandbox and seeds `items` READY profiles; returns the rows to feed the node. */
	seed(items: number): Promise<Row[]> {
		return this.call({ op: 'seed', items }) as Promise<Row[]>;
	}

	stats(): Promise<SandboxStats> {
		return this.call({ op: 'stats' }) as Promise<SandboxStats>;
	}

	/** The sandbox process's performance.now(): where its fixed windows stand. */
	now(): Promise<number> {
		return this.call({ op: 'now' }) as Promise<number>;
	}

	async close(): Promise<void> {
		await this.call({ op: 'close' });
		this.child.disconnect();
	}

	private address(result: unknown): void {
		const { url, token } = result as { url: string; token: string };
		this.url = url;
		this.token = token;
	}

	private call(command: SandboxCommand): Promise<unknown> {
		const id = ++this.nextId;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.child.send({ id, command });
		});
	}
}
