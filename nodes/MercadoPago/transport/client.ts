import { request, type Dispatcher } from 'undici';
import { bounded } from '../errors/bounded';
import { parseBody, readBounded } from './body';
import type { MercadoPagoCredentials } from './credentials';
import { Redactor } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec {
	method: HttpMethod;
	/** Path segments after the base URL; each is percent-encoded into exactly one segment. */
	path: readonly string[];
	query?: Record<string, string | number | undefined>;
	/** Sent as JSON. */
	body?: unknown;
	idempotencyKey?: string;
}

/** The outcome of one HTTP request, as data: the caller decides what it means. */
export type HttpOutcome =
	| { kind: 'response'; status: number; body: unknown; tooDeep: boolean; retryAfter?: string }
	/** An answer whose body passed the size cap: abandoned unread. */
	| { kind: 'tooLarge'; status: number }
	| { kind: 'timeout' }
	/** `code`: the system's error code (ECONNREFUSED…), when there is one. */
	| { kind: 'network'; reason: string; code?: string }
	/** `sent`: stopped after the request was handed to the pool, so it may have reached Mercado Pago. */
	| { kind: 'cancelled'; sent?: true };

export interface SendOptions {
	/** Covers the whole answer, body included. */
	timeoutMs: number;
	/** The execution's stop: aborts this request only. */
	signal?: AbortSignal;
}

/**
 * One Mercado Pago account's HTTP client: its keep-alive pool, its Authorization header and
 * what must never come back out (the token). Shared by every execution using the account.
 */
export class HttpClient {
	private readonly authorization: string;
	private readonly redactor: Redactor;

	constructor(
		private readonly credentials: MercadoPagoCredentials,
		private readonly dispatcher: Dispatcher,
	) {
		this.authorization = `Bearer ${credentials.accessToken}`;
		this.redactor = new Redactor(credentials.accessToken);
	}

	async send(spec: RequestSpec, { timeoutMs, signal: cancel }: SendOptions): Promise<HttpOutcome> {
		if (cancel?.aborted) return { kind: 'cancelled' };
		const url = this.credentials.origin + this.pathOf(spec);
		const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
		const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
		if (spec.idempotencyKey !== undefined) headers['x-idempotency-key'] = spec.idempotencyKey;
		if (payload !== undefined || spec.method === 'POST') headers['content-type'] = 'application/json';

		// One controller and one timer per request, both released when it ends. AbortSignal.any
		// would tie a new signal to the execution's long-lived one for every request.
		const abort = new AbortController();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			abort.abort();
		}, timeoutMs);
		const onCancel = () => abort.abort();
		cancel?.addEventListener('abort', onCancel, { once: true });
		try {
			const res = await request(url, {
				method: spec.method,
				headers,
				body: payload,
				signal: abort.signal,
				dispatcher: this.dispatcher,
			});
			const read = await readBounded(res.body, res.headers['content-length']);
			if (!read.ok) return { kind: 'tooLarge', status: res.statusCode };
			const parsed = parseBody(read.text);
			const retryAfter = res.headers['retry-after'];
			return {
				kind: 'response',
				status: res.statusCode,
				// Too deep to walk or to serialise: only a bounded copy is kept, redacted before any cut.
				body: parsed.tooDeep ? bounded(parsed.value, (text) => this.redactor.text(text)) : this.redactor.deep(parsed.value),
				tooDeep: parsed.tooDeep,
				retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
			};
		} catch (error) {
			if (cancel?.aborted) return { kind: 'cancelled', sent: true };
			if (timedOut) return { kind: 'timeout' };
			return { kind: 'network', reason: this.redactor.text(describe(error)), code: codeOf(error) };
		} finally {
			clearTimeout(timer);
			cancel?.removeEventListener('abort', onCancel);
		}
	}

	private pathOf(spec: RequestSpec): string {
		const path = spec.path.map((segment) => '/' + encodeURIComponent(segment)).join('');
		const query = new URLSearchParams();
		for (const [key, value] of Object.entries(spec.query ?? {})) {
			if (value !== undefined) query.set(key, String(value));
		}
		const search = query.toString();
		return this.credentials.basePath + path + (search ? `?${search}` : '');
	}
}

function describe(error: unknown): string {
	// Read by shape: an error made in another realm (a vm, a test runner) is no `instanceof Error`.
	const message = typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' ? (error as Error).message : String(error);
	const code = codeOf(error);
	return code !== undefined ? `${code}: ${message}` : message;
}

/** The system's error code, on the error or on its cause (undici wraps some). */
function codeOf(error: unknown): string | undefined {
	const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
	const found = typeof code === 'string' ? code : cause?.code;
	return typeof found === 'string' ? found : undefined;
}
