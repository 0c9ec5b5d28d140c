import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import { ERROR_CATALOGUE, adviceFor, fill, isCatalogued, type Wording } from './catalogue';
import type { Failure } from './failure';

/** A failed item: the failure plus what identifies the item to a person reading the error output. */
export interface ItemFailure extends Failure {
	/** Requests sent for this item (0 = nothing was sent). */
	attempts: number;
	/** Ids and key of the item, in the order they appear in `json.error`. */
	context: IDataObject;
}

/** The message and advice a person reads, in the failing operation's words. */
export function wordsFor(failure: Failure, wording: Wording): { message: string; description: string } {
	if (isCatalogued(failure.code)) {
		const entry = ERROR_CATALOGUE[failure.code];
		const message = fill(entry.message, wording);
		return {
			message: failure.detail ? `${message}: ${failure.detail}` : message,
			description: adviceFor(entry, wording),
		};
	}
	const status = failure.httpStatus ?? 'no status';
	return {
		message: failure.detail || `Mercado Pago answered HTTP ${status}`,
		description: `Mercado Pago answered HTTP ${status} with code "${failure.code}". The response field holds its full answer.`,
	};
}

/** `json.error` of a failed item: the shape the node's interface promises. */
function errorJson(failure: ItemFailure, wording: Wording): IDataObject {
	const { code, httpStatus, retryable, context, attempts, response } = failure;
	const json: IDataObject = { code, httpStatus, ...wordsFor(failure, wording), retryable, ...context, attempts };
	if (response !== undefined) json.response = response as IDataObject;
	return json;
}

/** `error` must be the only key of `json`, or n8n keeps the item on the success output. */
export function errorItem(itemIndex: number, failure: ItemFailure, wording: Wording): INodeExecutionData {
	return { json: { error: errorJson(failure, wording) }, pairedItem: { item: itemIndex } };
}

export interface StopSummary {
	/** Indexes of the items Mercado Pago confirmed (or answered, for a read) before the run stopped. */
	confirmed: number[];
	total: number;
}

/** How many confirmed items a stop's error names; the count covers them all. */
export const MAX_ITEMS_NAMED = 50;

/**
 * For the default On Error (stop): the error n8n shows and an Error Trigger workflow reads.
 * Its `context.code` and its description carry the stable code, whatever the kind of failure.
 */
export function stopError(
	node: INode,
	itemIndex: number,
	failure: ItemFailure,
	wording: Wording,
	summary: StopSummary,
): NodeApiError | NodeOperationError {
	const { message, description: advice } = wordsFor(failure, wording);
	const key = failure.context.idempotencyKey;
	const done = wording.kind === 'write' ? 'confirmed by Mercado Pago' : 'read';
	const named = summary.confirmed.slice(0, MAX_ITEMS_NAMED);
	const more = summary.confirmed.length - named.length;
	const description = [
		advice,
		`Error code: \`${failure.code}\`.`,
		typeof key === 'string' ? `Idempotency key of this item: \`${key}\`.` : '',
		`${summary.confirmed.length} of ${summary.total} items were ${done} before the stop` +
			(wording.kind === 'write'
				? '; requests already in flight were let finish. Running the workflow again is safe with the same idempotency keys.'
				: '.'),
		named.length > 0 ? `Items ${done} (by item index): ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}.` : '',
	]
		.filter((part) => part !== '')
		.join(' ');
	const error =
		failure.attempts === 0 && failure.httpStatus === null
			? new NodeOperationError(node, message, { description, itemIndex })
			: new NodeApiError(node, errorJson(failure, wording) as JsonObject, {
					message,
					description,
					httpCode: failure.httpStatus === null ? undefined : String(failure.httpStatus),
					itemIndex,
				});
	error.context.code = failure.code;
	error.context.confirmedItems = summary.confirmed.length;
	error.context.confirmedItemIndexes = named;
	return error;
}
