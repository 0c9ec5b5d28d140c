import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Failure } from '../errors/failure';
import type { MercadoPagoApi } from '../transport/api';

/** A failed item: the failure plus what identifies the item to a person reading the error output. */
export interface ItemFailure extends Failure {
	/** Requests sent for this item (0 = nothing was sent). */
	attempts: number;
	/** Ids and key of the item, in the order they appear in `json.error`. */
	context: IDataObject;
}

export type ItemOutcome = { ok: true; json: IDataObject[] } | { ok: false; failure: ItemFailure };

/**
 * One operation: its fields and what it does for one item. The router runs items
 * concurrently, so `execute` must read its parameters before its first `await`.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome>;
}
