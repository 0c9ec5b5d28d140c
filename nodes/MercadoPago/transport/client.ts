import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';

/** The outcome of one HTTP request, as data: the caller decides what it means. */
export type HttpOutcome =
	| { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: unknown }
	| { kind: 'timeout' }
	| { kind: 'network'; reason: string }
	| { kind: 'cancelled' };

export interface ClientOptions {
	accessToken: string;
	/** e.g. https://api.mercadopago.com, possibly with a path prefix (a proxy). */
	baseUrl: string;
	/** Sockets kept open to Mercado Pago: the batch's concurrency. */
	connections: number;
	timeoutMs: number;
	/** The execution's cancel signal: aborts every request in flight. */
	signal?: AbortSignal;
}

export interface RequestSpec {
	method: 'GET' | 'POST';
	/** Path segments after the base URL; each is percent-encoded into exactly one segment. */
	path: readonly string[];
	query?: Record<string, string | number | undefined>;
	idempotencyKey?: string;
}

/**
 * One Mercado Pago client per execution: one keep-alive pool shared by every item.
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured like n8n itself does.
 * The only module that holds the token, so it is also the one that scrubs it from answers.
 */
export class MercadoPagoClient {
	private readonly dispatcher: Dispatcher;
	private readonly origin: string;
	private readonly basePath: string;
	private readonly authorization: string;

	constructor(private readonly options: ClientOptions) {
		const base = new URL(options.baseUrl);
		this.origin = base.origin;
		this.basePath = base.pathname.replace(/\/+$/, '');
		this.authorization = `Bearer ${options.accessToken}`;
		this.dispatcher = new EnvHttpProxyAgent({
			connections: options.connections,
			keepAliveTimeout: 30_000,
			// Our own signal enforces the timeout; these only stop undici's defaults from firing first.
			headersTimeout: 0,
			bodyTimeout: 0,
		});
	}

	async request(spec: RequestSpec): Promise<HttpOutcome> {
		const { signal: cancel, timeoutMs } = this.options;
		if (cancel?.aborted) return { kind: 'cancelled' };
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
		const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
		if (spec.idempotencyKey !== undefined) headers['x-idempotency-key'] = spec.idempotencyKey;
		if (spec.method === 'POST') headers['content-type'] = 'application/json';
		try {
			const res = await request(this.origin + this.pathOf(spec), {
				method: spec.method,
				headers,
				signal: abort.signal,
				dispatcher: this.dispatcher,
			});
			const text = await res.body.text();
			return { kind: 'response', status: res.statusCode, headers: res.headers, body: this.parse(text) };
		} catch (error) {
			if (cancel?.aborted) return { kind: 'cancelled' };
			if (timedOut) return { kind: 'timeout' };
			return { kind: 'network', reason: this.scrub(describe(error)) };
		} finally {
			clearTimeout(timer);
			cancel?.removeEventListener('abort', onCancel);
		}
	}

	/** Lets sockets finish cleanly; `destroy` is for a stopped execution. */
	async close(): Promise<void> {
		await this.dispatcher.close();
	}

	async destroy(): Promise<void> {
		await this.dispatcher.destroy();
	}

	private pathOf(spec: RequestSpec): string {
		const path = spec.path.map((segment) => '/' + encodeURIComponent(segment)).join('');
		const query = new URLSearchParams();
		for (const [key, value] of Object.entries(spec.query ?? {})) {
			if (value !== undefined) query.set(key, String(value));
		}
		const search = query.toString();
		return this.basePath + path + (search ? `?${search}` : '');
	}

	/** JSON when it is JSON, the text otherwise, undefined when empty; never containing the token. */
	private parse(text: string): unknown {
		if (text === '') return undefined;
		const clean = this.scrub(text);
		try {
			return JSON.parse(clean);
		} catch {
			return clean;
		}
	}

	private scrub(text: string): string {
		const token = this.options.accessToken;
		return token && text.includes(token) ? text.split(token).join('[redacted]') : text;
	}
}

function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
