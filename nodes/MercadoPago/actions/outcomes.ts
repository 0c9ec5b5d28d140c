import type { IDataObject } from 'n8n-workflow';
import { fromCatalogue } from '../errors/failure';
import type { ApiResult } from '../transport/api';
import type { ItemOutcome } from './types';

/** The item's input cannot be sent: it fails alone, and nothing goes over the wire. */
export function invalidInput(problem: string, context: IDataObject): Extract<ItemOutcome, { ok: false }> {
	const failure = fromCatalogue('invalid_input', null);
	return { ok: false, failure: { ...failure, message: `${problem}: nothing was sent`, attempts: 0, context } };
}

/** A call that did not succeed, with the item's ids and key for the error output. */
export function apiFailure(result: Extract<ApiResult, { ok: false }>, context: IDataObject): ItemOutcome {
	return { ok: false, failure: { ...result.failure, attempts: result.attempts, context } };
}
