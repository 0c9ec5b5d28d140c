/**
 * Fault injection: a queue of explicit (one-shot or counted) faults, plus optional random
 * faults drawn per request from a seed, so that big runs are reproducible whatever order
 * their concurrent requests arrive in.
 */
import { classic, genericError, seedError, shapedError } from './errors';
import type { EchoEncoding, Fault, FaultMatcher, FaultRates, RandomFaultKind, Reply, RouteKind } from './types';

/** What a matcher is compared with (see routes.ts parseTarget). */
export interface FaultTarget {
	route: RouteKind;
	customerId?: string;
	paymentProfileId?: string;
	subscriptionId?: string;
	objectId?: string;
}

export function matches(matcher: FaultMatcher | undefined, target: FaultTarget): boolean {
	if (!matcher) return true;
	if (matcher.customerId !== undefined && matcher.customerId !== target.customerId) return false;
	if (matcher.paymentProfileId !== undefined && matcher.paymentProfileId !== target.paymentProfileId) return false;
	if (matcher.subscriptionId !== undefined && matcher.subscriptionId !== target.subscriptionId) return false;
	if (matcher.objectId !== undefined && matcher.objectId !== target.objectId) return false;
	if (matcher.route !== undefined) {
		const routes = Array.isArray(matcher.route) ? matcher.route : [matcher.route];
		if (!routes.includes(target.route)) return false;
	}
	return true;
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
}

export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(fault: Fault): void {
		const times = fault.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error('sandbox: fault.times must be an integer >= 1');
		this.queue.push({ fault, remaining: times });
	}

	/** First queued fault matching the request, consuming one of its uses. Faults are few: a scan is fine. */
	take(target: FaultTarget): Fault | undefined {
		for (let i = 0; i < this.queue.length; i++) {
			const entry = this.queue[i];
			if (!matches(entry.fault.match, target)) continue;
			if (--entry.remaining === 0) this.queue.splice(i, 1);
			return entry.fault;
		}
		return undefined;
	}

	get size(): number {
		return this.queue.length;
	}

	clear(): void {
		this.queue = [];
	}
}

/** mulberry32: tiny, fast and the same on every machine; the gate's simulator draws from it too. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a: a string to a 32-bit seed. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash >>> 0;
}

/** Fixed order, so a given seed always maps a draw to the same fault. */
const RANDOM_KINDS: readonly RandomFaultKind[] = [
	'status500',
	'status502',
	'status503',
	'status429',
	'reset',
	'hang',
	'applyThenReset',
	'slow',
];

export class RandomFaults {
	/** How many times each request was drawn for: its attempt number. */
	private readonly sent = new Map<string, number>();

	constructor(private readonly config: FaultRates) {}

	/** One draw per eligible request, whatever the outcome; `request` names it (method, path and query). */
	draw(target: FaultTarget, request: string): Fault | undefined {
		if (!matches(this.config.match, target)) return undefined;
		const attempt = this.sent.get(request) ?? 0;
		this.sent.set(request, attempt + 1);
		let r = prng(fnv1a(`${this.config.seed ?? 1} ${attempt} ${request}`))();
		for (const kind of RANDOM_KINDS) {
			const p = this.config.rates[kind] ?? 0;
			if (r < p) return this.toFault(kind);
			r -= p;
		}
		return undefined;
	}

	private toFault(kind: RandomFaultKind): Fault {
		switch (kind) {
			case 'status500':
				return { kind: 'status', status: 500 };
			case 'status502':
				return { kind: 'status', status: 502 };
			case 'status503':
				return { kind: 'status', status: 503 };
			case 'status429':
				return { kind: 'status', status: 429, retryAfter: this.config.retryAfterSeconds ?? 1 };
			case 'slow':
				return { kind: 'slow', ms: this.config.slowMs ?? 200 };
			default:
				return { kind };
		}
	}
}

/** Default body of a 'status' fault: the seed's body when it has one for that status. */
function defaultStatusReply(status: number): Reply {
	if (status === 429) return seedError('Too Many Requests');
	if (status === 500) return seedError('internal_server_error');
	return classic(status, genericError(status), genericError(status).replace(/_/g, ' '));
}

/**
 * The answer of a fault that answers something itself ('status', 'echoToken', 'errorShape').
 * `authorization` is the raw header value, only ever echoed back by 'echoToken'.
 */
export function faultReply(fault: Fault, authorization: string | undefined): Reply | undefined {
	switch (fault.kind) {
		case 'status': {
			const reply: Reply =
				fault.body === undefined ? defaultStatusReply(fault.status) : { status: fault.status, body: fault.body };
			const headers = { ...fault.headers };
			if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
			reply.headers = headers;
			return reply;
		}
		case 'echoToken': {
			// Mimics APIs that quote the offending credential back: the client must redact it.
			const value = authorization ?? '';
			const shown = encode(value, fault.encoding ?? 'raw');
			const status = fault.status ?? 400;
			if (fault.encoding === 'header') {
				return { ...classic(status, 'bad_request', 'invalid authorization header'), headers: { 'X-Echo-Authorization': value } };
			}
			if (fault.encoding === 'jsonEscaped') {
				// Every character as a \uXXXX escape: JSON.parse turns it back into the token.
				const body = `{"message":"invalid authorization header: ${shown}","error":"bad_request","status":${status},"cause":[{"code":"invalid_token","description":"the token ${shown} is not valid"}]}`;
				return { status, body, headers: { 'Content-Type': 'application/json' } };
			}
			return classic(status, 'bad_request', `invalid authorization header: ${shown}`, [
				{ code: 'invalid_token', description: `the token ${shown} is not valid for this resource` },
			]);
		}
		case 'errorShape':
			return shapedError(fault.status, fault.shape, fault.code, fault.message);
		default:
			return undefined;
	}
}

function encode(value: string, encoding: EchoEncoding): string {
	switch (encoding) {
		case 'jsonEscaped':
			return [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
		case 'percent':
			return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
		case 'base64':
			return Buffer.from(value, 'utf8').toString('base64');
		case 'htmlEntities':
			return [...value].map((c) => `&#${c.charCodeAt(0)};`).join('');
		case 'upperCase':
			return value.toUpperCase();
		default:
			return value;
	}
}
