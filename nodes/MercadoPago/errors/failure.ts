import { isObject } from '../shared/answers';
import { DOCUMENTED_CODES, ERROR_CATALOGUE, codeForStatus, isCatalogued, type CatalogueCode } from './catalogue';

/**
 * What went wrong, as data. It holds no words for a person: those come from the catalogue
 * and the failing call's words when the failure becomes an item (see itemErrors.ts).
 */
export interface Failure {
	code: string;
	httpStatus: number | null;
	retryable: boolean;
	/** One line saying what exactly failed (the problem with an input, the network's reason, MP's own message). */
	detail?: string;
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

const IN_PROGRESS = /not been completed yet/i;

/** Whether a later attempt with the same request may succeed, from the answer alone. */
function isRetryableStatus(status: number, body: unknown): boolean {
	if (status === 408 || status === 429 || status >= 500) return true;
	// Same key while the first request is still being processed.
	return status === 409 && IN_PROGRESS.test(textOf(body, 'message') ?? '');
}

/** A failure of one of the catalogue's own codes; `retryable` as the catalogue says unless given. */
export function failure(code: CatalogueCode, extra: Partial<Omit<Failure, 'code'>> = {}): Failure {
	return { code, httpStatus: null, retryable: ERROR_CATALOGUE[code].retryable, ...extra };
}

/** A non-2xx answer: every body shape Mercado Pago is known to use is read. */
export function fromResponse(status: number, body: unknown): Failure {
	const sent = sentCodes(body);
	const documented = [...sent, normaliseCode(textOf(body, 'message'))].find(
		(c) => c !== undefined && DOCUMENTED_CODES.has(c),
	);
	const specific = sent.find((c) => !GENERIC_CODES.has(c)) ?? sent[0];
	const code = documented ?? codeForStatus(status) ?? specific ?? `http_${status}`;
	const theirs = oneLine(textOf(body, 'message'));
	return {
		code,
		httpStatus: status,
		retryable: isRetryableStatus(status, body),
		...(!isCatalogued(code) && theirs ? { detail: theirs } : {}),
		...(body === undefined || body === '' ? {} : { response: body }),
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

export function oneLine(text: string | undefined, max = 300): string {
	return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
