import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { failure } from '../errors/failure';
import type { Caller } from '../transport/api';
import type { ItemOutcome, Prepared } from './types';

/** The item's input cannot be sent: it fails alone, and nothing goes over the wire. */
export function invalidInput(problem: string, context: IDataObject): Prepared {
	return { ok: false, failure: failure('invalid_input', { detail: problem }), context };
}

/** The item is ready: `send` runs when its turn comes. */
export function ready(context: IDataObject, send: (api: Caller) => Promise<ItemOutcome>): Prepared {
	return { ok: true, context, send };
}

/**
 * The status the input item already shows for this id, when it came from a read of it (a
 * Get, a Search): an irreversible status known there needs no request to be known again.
 */
export function statusShownByInput(ctx: IExecuteFunctions, itemIndex: number, idFields: readonly string[], id: string): unknown {
	const json = ctx.getInputData()[itemIndex]?.json;
	if (!json || !idFields.some((field) => json[field] === id)) return undefined;
	return json.status;
}
