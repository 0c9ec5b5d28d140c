import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemOutcome, RunContext } from './types';
import { failure, type Failure } from '../errors/failure';
import { PROBLEMS } from '../errors/problems';
import type { Caller } from '../transport/api';
import type { RequestSpec } from '../transport/client';
import { aPage, MAX_PAGE_SIZE } from '../shared/answers';

/** Return All stops here: a listing that long is a filter missing, and the node must stay bounded. */
export const MAX_RESULTS = 10_000;

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
		typeOptions: { minValue: 1, maxValue: MAX_RESULTS },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How the summary counts a search or list row that found nothing ({rows}: "row" or "rows"). */
export const MATCHED_NOTHING = '{rows} matched nothing';

/** For a flow that logs what each row did: a row that found nothing is otherwise on no output at all. */
export const outputUnmatchedOption: INodeProperties = {
	displayName: 'Output Rows That Match Nothing',
	name: 'outputUnmatched',
	type: 'boolean',
	default: false,
	description:
		'Whether a row that finds nothing gives one item holding its input fields and matched: false, so the flow can see which rows did nothing. The summary counts them either way.',
};

/**
 * A search or list row's outcome: one item per result. A row that found nothing is counted
 * in the summary and, with Output Rows That Match Nothing, gives its input back with `matched: false`.
 */
export function listed(ctx: IExecuteFunctions, itemIndex: number, run: RunContext, items: IDataObject[]): ItemOutcome {
	if (items.length > 0) return { ok: true, json: items };
	const input = ctx.getInputData()[itemIndex]?.json ?? {};
	return { ok: true, json: run.flags.outputUnmatched ? [{ ...input, matched: false }] : [], tally: MATCHED_NOTHING };
}

/** How many results the item asks for; undefined means all of them. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) ? Math.min(MAX_RESULTS, Math.max(1, Math.floor(limit))) : 50;
}

export type PagesResult = { ok: true; items: IDataObject[] } | { ok: false; failure: Failure };

/**
 * Follows `limit`/`offset` paging until the limit, the reported total or an empty page, and
 * stops on its own: at MAX_RESULTS, and when a page brings nothing new (a server that ignores
 * the offset would otherwise be asked forever). A failure on any page fails the whole item.
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
		const result = await api.call({ ...request, query: { ...request.query, limit: pageSize, offset: items.length } }, aPage(listKey));
		if (!result.ok) return result;

		const { page, total } = result.value;
		const fresh = page.slice(0, pageSize).filter((entry) => entry.id === undefined || !seen.has(entry.id));
		if (page.length > 0 && fresh.length === 0) {
			return { ok: false, failure: failure('unexpected_response', { httpStatus: result.status, detail: PROBLEMS.pageRepeated() }) };
		}
		for (const entry of fresh) seen.add(entry.id);
		items.push(...fresh);
		// The total decides when it is given: a server that sends shorter pages than asked is followed on.
		const done =
			page.length === 0 ||
			items.length >= wanted ||
			(total !== undefined ? items.length >= total : page.length < pageSize);
		if (done) break;
	}
	if (limit === undefined && items.length > MAX_RESULTS) {
		return { ok: false, failure: failure('too_many_results', { detail: PROBLEMS.tooManyResults(MAX_RESULTS) }) };
	}
	return { ok: true, items };
}
