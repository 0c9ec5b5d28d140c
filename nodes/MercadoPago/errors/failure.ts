import { DOCUMENTED_CODES, ERROR_CATALOGUE, isCatalogued, type CatalogueCode } from './catalogue';

/** What went wrong for one item, as data: becomes `json.error` or a thrown NodeApiError. */
export interface Failure {
	code: string;
	httpStatus: number | null;
	message: string;
	description: string;
	retryable: boolean;
	/** Mercado Pago's parsed body, when there was one. */
	response?: unknown;
}

/** Codes so broad that a documented code or the status says more. */
const GENERIC_CODES = new Set([
	'bad_request',
	'unauthorized',
	'forbidden',
	'not_found',
	'conflict',
	'method_not_allowed',
	'unprocessable_entity',
	'error',
	'internal_error',
	'bad_gateway',
	'service_unavailable',
	'gateway_timeout',
]);

/** Without a documented code these statuses decide (the node always sends the Authorization header). */
function codeForStatus(status: number): CatalogueCode | undefined {
	if (status === 401) return 'unauthorized_access_token';
	if (status === 404) return 'resource_not_found';
	if (status === 429) return 'too_many_requests';
	if (status >= 500) return 'internal_server_error';
	return undefined;
}

const IN_PROGRESS = /not been completed yet/i;

/** Whether a later attempt with the same key may succeed, from the answer alone. */
function isRetryableStatus(status: number, body?: unknown): boolean {
	if (status === 408 || status === 429 || status >= 500) return true;
	// Same key while the first request is still being processed.
	return status === 409 && IN_PROGRESS.test(textOf(body, 'message') ?? '');
}

export function fromCatalogue(code: CatalogueCode, httpStatus: number | null, extra?: Partial<Failure>): Failure {
	const entry = ERROR_CATALOGUE[code];
	return {
		code,
		httpStatus,
		message: entry.message,
		description: entry.description,
		retryable: entry.retryable,
		...extra,
	};
}

/** A non-2xx answer: every body shape Mercado Pago is known to use is read. */
export function fromResponse(status: number, body: unknown): Failure {
	const sent = sentCodes(body);
	const documented = [...sent, normaliseCode(textOf(body, 'message'))].find(
		(c) => c !== undefined && DOCUMENTED_CODES.has(c),
	);
	const specific = sent.find((c) => !GENERIC_CODES.has(c)) ?? sent[0];
	const code = documented ?? codeForStatus(status) ?? specific ?? `http_${status}`;
	const retryable = isRetryableStatus(status, body);
	const response = body === undefined || body === '' ? undefined : body;
	if (isCatalogued(code)) return fromCatalogue(code, status, { retryable, response });
	const theirs = textOf(body, 'message');
	return {
		code,
		httpStatus: status,
		message: oneLine(theirs) || `Mercado Pago answered HTTP ${status}`,
		description: `Mercado Pago answered HTTP ${status} with code "${code}". The response field holds its full answer.`,
		retryable,
		response,
	};
}

/** Every field a code may be sent in, normalised to snake_case (`cause` may be a list, one object or null). */
function sentCodes(body: unknown): string[] {
	if (!isObject(body)) return [];
	const raw: unknown[] = [body.error, body.code];
	for (const list of [body.cause, body.errors, body.details]) {
		for (const entry of Array.isArray(list) ? list : [list]) {
			if (isObject(entry)) raw.push(entry.code, entry.error);
		}
	}
	return raw.map(normaliseCode).filter((c): c is string => c !== undefined);
}

/** 'Unauthorized Access Token' -> 'unauthorized_access_token'; sentences and numbers are not codes. */
function normaliseCode(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const code = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
	return /^[a-z][a-z0-9_]{0,63}$/.test(code) && code.split('_').length <= 5 ? code : undefined;
}

function textOf(body: unknown, key: string): string | undefined {
	if (!isObject(body)) return undefined;
	const value = body[key];
	return typeof value === 'string' ? value : undefined;
}

function oneLine(text: string | undefined): string {
	return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
