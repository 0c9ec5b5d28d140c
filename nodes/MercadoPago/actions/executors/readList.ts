import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../common.descriptions';
import { requestOf } from '../endpoint';
import { idsInput } from '../locators';
import type { ReadList } from '../operation';
import { fetchPages, MAX_RESULTS } from '../paging';
import { invalidInput, readInputs, ready } from '../prepare';
import type { ItemOutcome, RunContext } from '../types';
import type { Executor } from './executor';

/** n8n's usual pair for operations that return many results. */
const returnAllOrLimit: INodeProperties[] = [
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
const MATCHED_NOTHING = '{rows} matched nothing';

/** For a flow that logs what each row did: a row that found nothing is otherwise on no output at all. */
const outputUnmatchedOption: INodeProperties = {
	displayName: 'Output Rows That Match Nothing',
	name: 'outputUnmatched',
	type: 'boolean',
	default: false,
	description:
		'Whether a row that finds nothing gives one item holding its input fields and matched: false, so the flow can see which rows did nothing. The summary counts them either way.',
};

/** How many results the item asks for; undefined means all of them. */
function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) ? Math.min(MAX_RESULTS, Math.max(1, Math.floor(limit))) : 50;
}

/**
 * A search or list row's outcome: one item per result. A row that found nothing is counted
 * in the summary and, with Output Rows That Match Nothing, gives its input back with `matched: false`.
 */
function listed(ctx: IExecuteFunctions, itemIndex: number, run: RunContext, items: IDataObject[]): ItemOutcome {
	if (items.length > 0) return { ok: true, json: items };
	const input = ctx.getInputData()[itemIndex]?.json ?? {};
	return { ok: true, json: run.flags.outputUnmatched ? [{ ...input, matched: false }] : [], tally: MATCHED_NOTHING };
}

function inputsOf(operation: ReadList) {
	return [idsInput(operation.ids), ...(operation.inputs ?? []), ...(operation.filter ? [operation.filter] : [])];
}

/** One output item per object found; none (or the row, matched: false) when nothing matches. */
export const readList: Executor<ReadList> = {
	properties(operation) {
		return [
			...idsInput(operation.ids).fields,
			...(operation.inputs ?? []).flatMap((input) => input.fields),
			...returnAllOrLimit,
			...(operation.filter?.fields ?? []),
			optionsCollection([outputUnmatchedOption]),
		];
	},

	prepare(operation, ctx, itemIndex, run) {
		const read = readInputs(inputsOf(operation), ctx, itemIndex);
		const limit = readLimit(ctx, itemIndex);
		if (!read.ok) return invalidInput(read.problem, read.given);
		const { values } = read;
		const request = requestOf(operation.request, values);
		return ready(read.given, async (api) => {
			const pages = await fetchPages(api, request, operation.list, limit);
			if (!pages.ok) return pages;
			const items = operation.item ? pages.items.map((object) => operation.item!(object, values)) : pages.items;
			return listed(ctx, itemIndex, run, items);
		});
	},
};
