import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Failure } from '../errors/failure';
import type { MercadoPagoApi } from '../transport/api';
import type { RequestSpec } from '../transport/client';

/** The largest page both list endpoints accept. */
export const MAX_PAGE_SIZE = 100;

/** n8n's usual pair for operations that return many results. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How many results the item asks for; undefined means all of them. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 50;
}

/** One answer of a list endpoint; an answer without a list reads as an empty page, which ends the listing. */
export function readPage(body: unknown, listKey: 'results' | 'data'): { page: IDataObject[]; total: number | undefined } {
	const object = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const page = Array.isArray(object[listKey]) ? (object[listKey] as IDataObject[]) : [];
	const total = (object.paging as IDataObject | undefined)?.total;
	return { page, total: typeof total === 'number' ? total : undefined };
}

export type PagesResult =
	| { ok: true; items: IDataObject[]; attempts: number }
	| { ok: false; failure: Failure; attempts: number };

/**
 * Follows `limit`/`offset` paging until the limit, the reported total or an empty page.
 * `attempts` counts every request of every page, so an error item says what was sent.
 * The customer search puts its list under `results`, the profile list under `data`.
 */
export async function fetchPages(
	api: MercadoPagoApi,
	request: RequestSpec,
	listKey: 'results' | 'data',
	limit: number | undefined,
): Promise<PagesResult> {
	const items: IDataObject[] = [];
	let attempts = 0;
	for (;;) {
		const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - items.length);
		const result = await api.call({ ...request, query: { ...request.query, limit: pageSize, offset: items.length } });
		attempts += result.attempts;
		if (!result.ok) return { ok: false, failure: result.failure, attempts };

		const { page, total } = readPage(result.body, listKey);
		items.push(...page.slice(0, pageSize));
		// The total decides when it is given: a server that sends shorter pages than asked is followed on.
		const done =
			page.length === 0 ||
			(limit !== undefined && items.length >= limit) ||
			(total !== undefined ? items.length >= total : page.length < pageSize);
		if (done) return { ok: true, items, attempts };
	}
}
