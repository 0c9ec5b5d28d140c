import type { IDataObject } from 'n8n-workflow';
import { failure, type Failure } from '../errors/failure';
import { PROBLEMS } from '../errors/problems';
import type { ApiResult, Caller } from '../transport/api';
import type { RequestSpec } from '../transport/client';
import { aPage, MAX_PAGE_SIZE, type Page } from '../shared/answers';

/** Return All stops here: a listing that long is a filter missing, and the node must stay bounded. */
export const MAX_RESULTS = 10_000;

/**
 * One page of a list endpoint: `size` entries from `offset`, by Mercado Pago's `limit`/`offset`
 * paging. The list operations and the editor's pickers both read pages through here.
 */
export function readPage(api: Caller, request: RequestSpec, listKey: 'results' | 'data', offset: number, size: number): Promise<ApiResult<Page>> {
	return api.call({ ...request, query: { ...request.query, limit: size, offset } }, aPage(listKey));
}

/**
 * Whether the listing goes on after a page that brought `pageLength` entries, `seen` in all:
 * the total decides when it is given (a server that sends shorter pages than asked is
 * followed on); without one, only a full page says there may be more.
 */
export function goesOn(seen: number, pageLength: number, size: number, total: number | undefined): boolean {
	return pageLength > 0 && (total !== undefined ? seen < total : pageLength >= size);
}

export type PagesResult = { ok: true; items: IDataObject[] } | { ok: false; failure: Failure };

/**
 * Follows the pages until the limit, the reported total or an empty page, and stops on its
 * own: at MAX_RESULTS, and when a page brings nothing new (a server that ignores the offset
 * would otherwise be asked forever). A failure on any page fails the whole item.
 */
export async function fetchPages(
	api: Caller,
	request: RequestSpec,
	listKey: 'results' | 'data',
	limit: number | undefined,
): Promise<PagesResult> {
	const items: IDataObject[] = [];
	const seen = new Set<unknown>();
	for (;;) {
		const wanted = limit ?? MAX_RESULTS + 1;
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - items.length);
		const result = await readPage(api, request, listKey, items.length, pageSize);
		if (!result.ok) return result;

		const { page, total } = result.value;
		const fresh = page.slice(0, pageSize).filter((entry) => entry.id === undefined || !seen.has(entry.id));
		if (page.length > 0 && fresh.length === 0) {
			return { ok: false, failure: failure('unexpected_response', { httpStatus: result.status, detail: PROBLEMS.pageRepeated() }) };
		}
		for (const entry of fresh) seen.add(entry.id);
		items.push(...fresh);
		if (items.length >= wanted || !goesOn(items.length, page.length, pageSize, total)) break;
	}
	if (limit === undefined && items.length > MAX_RESULTS) {
		return { ok: false, failure: failure('too_many_results', { detail: PROBLEMS.tooManyResults(MAX_RESULTS) }) };
	}
	return { ok: true, items };
}
