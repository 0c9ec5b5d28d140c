import type { IDataObject } from 'n8n-workflow';
import type { CatalogueCode } from '../errors/catalogue';

/**
 * What a 2xx must prove before it counts as a success: the value it carries, or what came
 * instead (a few words, e.g. "an HTML page"). Every call states it, so a proxy's sign-in
 * page or a 202 is never taken for Mercado Pago's answer. Such an answer is
 * `unexpected_response`, unless it proves a failure of its own (`code`).
 */
export type Accept<T> = (
	status: number,
	body: unknown,
) => { ok: true; value: T } | { ok: false; what: string; code?: CatalogueCode };

/** A few words on what a body is, for a person reading why it was not accepted. */
export function describeBody(body: unknown): string {
	if (body === undefined) return 'an empty body';
	if (typeof body === 'string') return /^\s*</.test(body) ? 'an HTML or XML page' : 'plain text';
	if (Array.isArray(body)) return 'a JSON list';
	if (typeof body === 'object' && body !== null) return 'JSON of another shape';
	return `the JSON value ${JSON.stringify(body)}`;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one object asked for: a JSON object whose `id` is `id`. A search page, another object or
 * a proxy's page answering a GET of one id is never taken for it.
 */
export function theObject(id: string): Accept<IDataObject> {
	return (_status, body) => {
		if (!isObject(body)) return { ok: false, what: describeBody(body) };
		if (body.id === undefined || body.id === null) return { ok: false, what: 'JSON without an "id"' };
		return String(body.id) === id ? { ok: true, value: body } : { ok: false, what: `the id ${JSON.stringify(String(body.id)).slice(0, 80)}` };
	};
}

/**
 * A write's answer: an empty body (with one of the `empty` statuses), or the object changed,
 * showing `target`. `shown` names statuses that prove a failure of their own (a pause answered
 * with the subscription cancelled); any other status proves nothing.
 */
export function showing(
	id: string,
	target: string,
	{ empty, shown = {} }: { empty: readonly number[]; shown?: Record<string, CatalogueCode> },
): Accept<string> {
	const object = theObject(id);
	return (status, body) => {
		if (body === undefined && empty.includes(status)) return { ok: true, value: target };
		const read = object(status, body);
		if (!read.ok) return read;
		const current = read.value.status;
		if (current === target) return { ok: true, value: target };
		const what = typeof current === 'string' ? `the status ${current.slice(0, 40)}` : 'JSON without a "status"';
		return typeof current === 'string' && Object.prototype.hasOwnProperty.call(shown, current)
			? { ok: false, what, code: shown[current] }
			: { ok: false, what };
	};
}

export interface Page {
	page: IDataObject[];
	total: number | undefined;
}

/** One page of a list endpoint: `{ paging: { total }, <listKey>: [object, …] }`. */
export function aPage(listKey: 'results' | 'data'): Accept<Page> {
	return (_status, body) => {
		const list = isObject(body) ? body[listKey] : undefined;
		if (!Array.isArray(list) || !list.every(isObject)) {
			return { ok: false, what: isObject(body) ? `JSON without a "${listKey}" list of objects` : describeBody(body) };
		}
		const paging = (body as IDataObject).paging;
		const total = isObject(paging) ? paging.total : undefined;
		return { ok: true, value: { page: list, total: typeof total === 'number' && total >= 0 ? total : undefined } };
	};
}

/** The largest page the list endpoints accept. */
export const MAX_PAGE_SIZE = 100;
