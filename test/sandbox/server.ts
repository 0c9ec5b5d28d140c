/**
 * Loopback Mercado Pago sandbox for tests, benchmarks and the demo.
 *
 * Per request: log -> rate limit -> faults -> auth + endpoint (routes.ts) -> latency -> answer.
 * Decisions (rate limit, idempotency lock, state change) are taken on arrival; only the answer
 * waits, so a second request with the same key during the latency sees "in flight" (409).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tooManyRequests } from './errors';
import { FaultQueue, RandomFaults, faultReply } from './faults';
import { Arrivals, Hold } from './hold';
import { IdempotencyStore } from './idempotency';
import { createLimiter, type Limiter } from './rateLimiter';
import { SANDBOX_CALLER_ID, SANDBOX_SITE_ID, handleApi, parseTarget } from './routes';
import { SandboxState } from './state';
import type {
	AuthorizedPayment,
	Behaviour,
	Customer,
	Fault,
	FaultMatcher,
	FaultRates,
	NewAuthorizedPayment,
	NewCustomer,
	NewPayment,
	NewPlan,
	NewProfile,
	NewSubscription,
	Payment,
	PaymentProfile,
	Plan,
	RateLimitOptions,
	Reply,
	RequestLogEntry,
	SandboxOptions,
	SeededCustomer,
	Subscription,
	SubscriptionStatus,
} from './types';

export * from './types';
export { SANDBOX_USER, SANDBOX_CALLER_ID, SANDBOX_SITE_ID } from './routes';
export { SEED_ERRORS } from './errors';

export const DEFAULT_TOKEN = 'APP_USR-sandbox-token';

const MAX_REQUEST_BODY = 64 * 1024;

function parseRequestBody(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export function defaultBehaviour(): Behaviour {
	return { alreadyCancelled: { status: 204 }, subscriptionKeys: 'ignored', cancelledAgain: 'refused', sameStatus: 'ok' };
}

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

/** Writes the reply unless the client is already gone; true if written. */
function writeReply(res: ServerResponse, reply: Reply): boolean {
	if (res.destroyed || res.writableEnded) return false;
	const headers: Record<string, string | number> = { ...reply.headers };
	let payload: string | undefined;
	if (typeof reply.body === 'string') {
		payload = reply.body;
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'text/plain; charset=utf-8';
		}
	} else if (reply.body !== undefined) {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(reply.status, headers);
	res.end(payload);
	return true;
}

/** Drops the connection without an answer; an RST looks like a real network failure (ECONNRESET). */
function dropConnection(res: ServerResponse): void {
	const socket = res.socket;
	if (socket && !socket.destroyed) socket.resetAndDestroy();
}

export class Sandbox {
	readonly url: string;
	readonly port: number;
	/** The valid access token; newCredential() replaces it. */
	token: string;
	private readonly baseToken: string;
	private credentials = 0;
	/** The account behind the token: profiles with another callerId/siteId answer *_mismatch. */
	readonly callerId = SANDBOX_CALLER_ID;
	readonly siteId = SANDBOX_SITE_ID;
	/** Delay before every answer, ms. */
	latencyMs: number;
	/** Every request received, in arrival order. */
	readonly requests: RequestLogEntry[] = [];
	private arrivals = new Arrivals();
	/** TCP connections clients opened since the last reset(): what sharing a pool is checked on. */
	connectionsOpened = 0;
	/** Most TCP connections open at once since the last reset(): what a bound on connections is checked on. */
	peakConnections = 0;
	private openConnections = 0;
	/** Most requests open at once since the last reset(): what a bound on concurrency is checked on. */
	peakInFlight = 0;
	private inFlight = 0;
	/** Answers where Mercado Pago's behaviour is unconfirmed; reset() restores the defaults. */
	behaviour: Behaviour = defaultBehaviour();

	private readonly state = new SandboxState(SANDBOX_CALLER_ID);
	private readonly idempotency = new IdempotencyStore();
	private readonly faults = new FaultQueue();
	private randomFaults: RandomFaults | undefined;
	private faultRatesConfig: FaultRates | undefined;
	private rateLimitConfig: RateLimitOptions | undefined;
	private limiter: Limiter | undefined;
	/** Pending latency timers, cleared by close() so nothing keeps the process alive. */
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	/** Use startSandbox(). */
	constructor(
		private readonly server: Server,
		opts: SandboxOptions,
	) {
		const { port } = server.address() as AddressInfo;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.baseToken = this.token = opts.token ?? DEFAULT_TOKEN;
		this.latencyMs = opts.latencyMs ?? 0;
		this.rateLimit = opts.rateLimit;
		server.on('request', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res));
		server.on('connection', (socket) => {
			this.connectionsOpened++;
			this.peakConnections = Math.max(this.peakConnections, ++this.openConnections);
			socket.once('close', () => this.openConnections--);
		});
	}

	/** Rate limiter for every request; setting it (even to the same value) starts it afresh (a full bucket). */
	get rateLimit(): RateLimitOptions | undefined {
		return this.rateLimitConfig;
	}

	set rateLimit(value: RateLimitOptions | undefined) {
		this.rateLimitConfig = value;
		this.limiter = value ? createLimiter(value, performance.now()) : undefined;
	}

	/** Random faults; setting it restarts the PRNG from the seed. */
	get faultRates(): FaultRates | undefined {
		return this.faultRatesConfig;
	}

	set faultRates(value: FaultRates | undefined) {
		this.faultRatesConfig = value;
		this.randomFaults = value ? new RandomFaults(value) : undefined;
	}

	// ---- seeding -----------------------------------------------------------------------

	addCustomer(input?: NewCustomer): Customer {
		return structuredClone(this.state.addCustomer(input));
	}

	addProfile(customerId: string, input?: NewProfile): PaymentProfile {
		return structuredClone(this.state.addProfile(customerId, input).profile);
	}

	/** Bulk seeding: customers with generated ids/emails, each with READY profiles. */
	seed(nCustomers: number, profilesPerCustomer: number): SeededCustomer[] {
		return structuredClone(this.state.seed(nCustomers, profilesPerCustomer));
	}

	/** A snapshot of the profile, or undefined if it is not this customer's. */
	getProfile(customerId: string, profileId: string): PaymentProfile | undefined {
		const record = this.state.profiles.get(profileId);
		return record && record.customerId === customerId ? structuredClone(record.profile) : undefined;
	}

	// ---- observation -------------------------------------------------------------------

	/** How many times this profile actually changed to CANCELLED (must stay <= 1). */
	cancelCount(customerId: string, profileId: string): number {
		return this.state.cancelCount(customerId, profileId);
	}

	/** Distinct X-Idempotency-Key values sent to these ids' paths (customer and profile, or subscription), in first-seen order. */
	keysFor(...ids: string[]): string[] {
		return this.state.keysFor(...ids);
	}

	addSubscription(input?: NewSubscription): Subscription {
		return structuredClone(this.state.addSubscription(input));
	}

	getSubscription(id: string): Subscription | undefined {
		const found = this.state.subscriptions.get(id);
		return found && structuredClone(found);
	}

	/** A payment a notification can name (`GET /v1/payments/{id}`). */
	addPayment(input?: NewPayment): Payment {
		return structuredClone(this.state.addPayment(input));
	}

	/** A subscription's recurring charge (`GET /authorized_payments/{id}`); with `payment_status`, its payment too. */
	addAuthorizedPayment(input: NewAuthorizedPayment): AuthorizedPayment {
		return structuredClone(this.state.addAuthorizedPayment(input));
	}

	/** A subscription's charges, oldest first. */
	authorizedPaymentsOf(subscriptionId: string): AuthorizedPayment[] {
		return structuredClone(this.state.chargesOf(subscriptionId));
	}

	addPlan(input?: NewPlan): Plan {
		return structuredClone(this.state.addPlan(input));
	}

	/** Every status change a subscription went through, in order. */
	subscriptionChanges(id: string): SubscriptionStatus[] {
		return this.state.changesOf(id);
	}

	// ---- faults ------------------------------------------------------------------------

	inject(fault: Fault): void {
		this.faults.add(fault);
	}

	/**
	 * Holds the answers of the next `times` matching requests (default 1) until the returned
	 * Hold's release(): each is decided on arrival, so its key stays in flight meanwhile.
	 */
	hold(options: { match?: FaultMatcher; times?: number } = {}): Hold {
		const hold = new Hold();
		this.inject({ kind: 'hold', hold, ...options });
		return hold;
	}

	/** Resolves once `count` requests have arrived since the last reset(). */
	received(count: number): Promise<void> {
		return this.arrivals.arrived(count);
	}

	/**
	 * Whether request `request + 1` arrived at least `ms` after request `request`, told by the
	 * order timers fire in, not by reading a clock: a timer started as request `request` arrives
	 * (its answer not yet read by the client) falls due before any longer wait the client starts
	 * on reading that answer, however slow the machine.
	 */
	async waitedAfter(request: number, ms: number): Promise<boolean> {
		await this.received(request);
		let over = false;
		setTimeout(() => (over = true), ms);
		await this.received(request + 1);
		return over;
	}

	/** Queued faults not yet used up. */
	get pendingFaults(): number {
		return this.faults.size;
	}

	/** Clears data, idempotency keys, the request log and all faults; latency and rate limit stay. */
	/**
	 * A new valid token for the same account, the old one no longer accepted: to the node a
	 * new credential, so nothing its rate gate or pool learnt under the old one carries over.
	 */
	newCredential(): void {
		this.token = `${this.baseToken}-${++this.credentials}`;
	}

	reset(): void {
		this.state.clear();
		this.idempotency.clear();
		this.requests.length = 0;
		this.arrivals = new Arrivals();
		this.faults.clear();
		this.faultRates = undefined;
		this.behaviour = defaultBehaviour();
		this.peakInFlight = this.inFlight;
		this.connectionsOpened = 0;
		this.peakConnections = this.openConnections;
		this.rateLimit = this.rateLimitConfig; // refill
	}

	/** Stops listening and destroys every open socket, hanging ones included. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	// ---- request pipeline --------------------------------------------------------------

	/** Reads the request body (bounded: the endpoints take a few bytes of JSON), then handles the request. */
	private onRequest(req: IncomingMessage, res: ServerResponse): void {
		this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
		res.once('close', () => this.inFlight--);
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_REQUEST_BODY) chunks.push(chunk);
		});
		req.on('end', () => this.handle(req, res, parseRequestBody(Buffer.concat(chunks).toString('utf8'))));
	}

	private handle(req: IncomingMessage, res: ServerResponse, body: unknown): void {
		const target = parseTarget(req.method ?? 'GET', req.url ?? '/');
		const authorization = header(req.headers.authorization);
		const idempotencyKey = header(req.headers['x-idempotency-key']);
		const entry: RequestLogEntry = {
			method: target.method,
			rawPath: target.rawPath,
			rawQuery: target.rawQuery,
			pathSegments: target.segments ?? [],
			route: target.route,
			customerId: target.customerId,
			paymentProfileId: target.paymentProfileId,
			subscriptionId: target.subscriptionId,
			objectId: target.objectId,
			idempotencyKey,
			...(body === undefined ? {} : { body }),
			authorization: authorization !== undefined,
			status: 0,
			replayed: false,
			at: Date.now(),
		};
		this.requests.push(entry);
		this.arrivals.add();
		const ids = target.subscriptionId !== undefined ? [target.subscriptionId] : [target.customerId, target.paymentProfileId];
		if (idempotencyKey !== undefined && ids.every((id) => id !== undefined)) this.state.recordKey(ids as string[], idempotencyKey);

		// Gateway first: a rate-limited request never reaches faults or the API.
		const verdict = this.limiter?.take(performance.now());
		if (verdict && !verdict.ok) {
			entry.fault = 'rateLimit';
			const reply = tooManyRequests(verdict.retryAfterSeconds ?? 0);
			if (verdict.retryAfterSeconds === undefined) delete reply.headers;
			this.answer(res, entry, reply);
			return;
		}

		const fault = this.faults.take(target) ?? this.randomFaults?.draw(target, `${target.method} ${req.url ?? '/'}`);
		let extraDelayMs = 0;
		let dropAfterApply = false;
		let hold: Hold | undefined;
		if (fault) {
			entry.fault = fault.kind;
			switch (fault.kind) {
				case 'reset': // nothing applied, nothing answered
					dropConnection(res);
					return;
				case 'hang': // nothing applied; close() or the client ends the socket
					return;
				case 'slow':
					extraDelayMs = Math.max(0, fault.ms);
					break;
				case 'applyThenReset':
					dropAfterApply = true;
					break;
				case 'hold':
					hold = fault.hold;
					break;
				case 'stream':
					this.stream(res, entry, fault);
					return;
				default:
					this.answer(res, entry, faultReply(fault, authorization)!);
					return;
			}
		}

		const reply = handleApi({
			target,
			authorization,
			idempotencyKey,
			body,
			token: this.token,
			state: this.state,
			idempotency: this.idempotency,
			behaviour: this.behaviour,
		});
		if (hold) {
			hold.add();
			void hold.released.then(() => this.closed || this.answer(res, entry, reply));
			return;
		}
		this.answer(res, entry, reply, extraDelayMs, dropAfterApply);
	}

	/** Writes a 'stream' fault's body chunk by chunk until done, the client leaves or close(). */
	private stream(res: ServerResponse, entry: RequestLogEntry, fault: Extract<Fault, { kind: 'stream' }>): void {
		const headers: Record<string, string | number> = { 'Content-Type': fault.contentType ?? 'application/json' };
		if (fault.declare) headers['Content-Length'] = Buffer.byteLength(fault.chunk) * fault.chunks;
		res.writeHead(fault.status, headers);
		entry.status = fault.status;
		let sent = 0;
		const next = (): void => {
			if (res.destroyed || this.closed) return;
			if (sent >= fault.chunks) {
				res.end();
				return;
			}
			sent++;
			const flushed = res.write(fault.chunk);
			const timer = setTimeout(
				() => {
					this.timers.delete(timer);
					next();
				},
				flushed ? fault.intervalMs : Math.max(fault.intervalMs, 1),
			);
			this.timers.add(timer);
		};
		next();
	}

	private answer(res: ServerResponse, entry: RequestLogEntry, reply: Reply, extraDelayMs = 0, drop = false): void {
		const send = (): void => {
			reply.settle?.();
			if (drop) {
				dropConnection(res);
				return;
			}
			if (writeReply(res, reply)) {
				entry.status = reply.status;
				entry.replayed = reply.replayed === true;
			}
		};
		const wait = this.latencyMs + extraDelayMs;
		if (wait <= 0) {
			send(); // no timer at all on the fast path
			return;
		}
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			send();
		}, wait);
		this.timers.add(timer);
	}
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return new Sandbox(server, opts);
}
