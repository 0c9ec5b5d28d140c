import type { IDataObject } from 'n8n-workflow';
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
