import { NodeApiError, NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import type { ItemFailure } from './types';

/** `json.error` of a failed item: the shape the node's interface promises. */
export function errorJson(failure: ItemFailure): IDataObject {
	const { code, httpStatus, message, description, retryable, context, attempts, response } = failure;
	const json: IDataObject = { code, httpStatus, message, description, retryable, ...context, attempts };
	if (response !== undefined) json.response = response as IDataObject;
	return json;
}

/** `error` must be the only key of `json`, or n8n keeps the item on the success output. */
export function errorItem(itemIndex: number, failure: ItemFailure): INodeExecutionData {
	return { json: { error: errorJson(failure) }, pairedItem: { item: itemIndex } };
}

/** For the default On Error (stop): the error n8n shows, naming the item. */
export function itemError(node: INode, itemIndex: number, failure: ItemFailure): NodeApiError | NodeOperationError {
	const { message, description } = failure;
	if (failure.attempts === 0 && failure.httpStatus === null) {
		return new NodeOperationError(node, message, { description, itemIndex });
	}
	return new NodeApiError(node, errorJson(failure) as JsonObject, {
		message,
		description,
		httpCode: failure.httpStatus === null ? undefined : String(failure.httpStatus),
		itemIndex,
	});
}
