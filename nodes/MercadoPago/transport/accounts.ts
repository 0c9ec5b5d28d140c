import { createHash } from 'node:crypto';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { systemClock, type Clock } from '../shared/clock';
import { HttpClient } from './client';
import type { MercadoPagoCredentials } from './credentials';
import { RateGate } from './gate';

/**
 * One connection pool, one rate gate and one bound on requests in flight per Mercado Pago
 * account per n8n process, shared by every execution that uses the account at the same time:
 * 300 webhook executions in one second then learn one limit together and share a few
 * connections instead of opening 300. Each execution keeps its own concurrency and its own
 * stop. An account nobody used for a while is closed.
 */
export interface Account {
	client: HttpClient;
	gate: RateGate;
	slots: Slots;
}

export interface Lease {
	account: Account;
	release(): void;
}

/** Requests in flight per account, whatever the number of executions, unless one execution asks for more. */
export const ACCOUNT_SLOTS = 16;
/** The highest Concurrency an execution may ask for. */
export const MAX_CONCURRENCY = 64;
const IDLE_CLOSE_MS = 30_000;
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

interface Entry extends Account {
	dispatcher: Dispatcher;
	/** Connections the dispatcher may open: the in-flight bound when it was made. */
	connections: number;
	/** Concurrency of each lease still held. */
	leases: Map<symbol, number>;
	idle?: NodeJS.Timeout;
}

const accounts = new Map<string, Entry>();

/** Takes the account's shared pool and gate for one execution (or one picker call); release when done. */
export function leaseAccount(credentials: MercadoPagoCredentials, concurrency: number, clock: Clock = systemClock): Lease {
	const key = accountKey(credentials);
	let entry = accounts.get(key);
	if (!entry) {
		const dispatcher = pool(ACCOUNT_SLOTS);
		entry = {
			dispatcher,
			connections: ACCOUNT_SLOTS,
			client: new HttpClient(credentials, dispatcher),
			gate: new RateGate({ clock }),
			slots: new Slots(ACCOUNT_SLOTS),
			leases: new Map(),
		};
		accounts.set(key, entry);
	}
	const held = entry;
	clearTimeout(held.idle);
	held.idle = undefined;
	const id = Symbol('lease');
	held.leases.set(id, concurrency);
	const capacity = capacityOf(held);
	held.slots.resize(capacity);
	if (capacity > held.connections) {
		// A run asks for more than the pool may open: a larger pool takes the new requests. The
		// old one closes once its requests are done; requests still waiting for a slot or the
		// gate read the account's client only when they leave, so none is sent on it.
		const previous = held.dispatcher;
		held.dispatcher = pool(capacity);
		held.connections = capacity;
		held.client = new HttpClient(credentials, held.dispatcher);
		void previous.close();
	}
	let released = false;
	return {
		account: held,
		release() {
			if (released) return;
			released = true;
			held.leases.delete(id);
			held.slots.resize(capacityOf(held));
			if (held.leases.size > 0) return;
			// Cleared by the next lease: an account in use is never closed.
			held.idle = setTimeout(() => {
				accounts.delete(key);
				void held.dispatcher.close();
			}, IDLE_CLOSE_MS);
			// An idle pool must not keep n8n (or a test run) alive.
			held.idle.unref();
		},
	};
}

/**
 * Built from the environment like n8n's own requests: HTTP(S)_PROXY and NO_PROXY. Its
 * connections match the in-flight bound, so a socket still finishing an answer never makes
 * the pool open one more.
 */
function pool(connections: number): Dispatcher {
	const options = {
		connections,
		keepAliveTimeout: 30_000,
		// The client's own timer bounds the whole answer; these only stop undici's defaults firing first.
		headersTimeout: 0,
		bodyTimeout: 0,
	};
	// The proxy variables are part of the account's key, so a pool made without any never
	// meets one; a plain agent then spares every request the proxy agent's reading of them.
	return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent(options) : new Agent(options);
}

function capacityOf(entry: Entry): number {
	return Math.max(ACCOUNT_SLOTS, ...entry.leases.values());
}

/** Accounts are told apart by a hash: the token is never a map key in the clear. */
function accountKey(credentials: MercadoPagoCredentials): string {
	const proxy = PROXY_VARIABLES.map((v) => process.env[v] ?? '');
	return createHash('sha256')
		.update(JSON.stringify([credentials.origin, credentials.basePath, credentials.accessToken, proxy]))
		.digest('hex');
}

/** A counting semaphore whose waiters give up when their execution stops. */
export class Slots {
	private inUse = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private capacity: number) {}

	resize(capacity: number): void {
		this.capacity = capacity;
		this.wake();
	}

	async acquire(signal?: AbortSignal): Promise<boolean> {
		if (signal?.aborted) return false;
		if (this.inUse < this.capacity && this.waiting.length === 0) {
			this.inUse++;
			return true;
		}
		return new Promise((resolve) => {
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				this.inUse++;
				resolve(true);
			};
			const onAbort = () => {
				const at = this.waiting.indexOf(grant);
				if (at !== -1) this.waiting.splice(at, 1);
				resolve(false);
			};
			this.waiting.push(grant);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	release(): void {
		this.inUse--;
		this.wake();
	}

	private wake(): void {
		while (this.inUse < this.capacity && this.waiting.length > 0) this.waiting.shift()!();
	}
}
