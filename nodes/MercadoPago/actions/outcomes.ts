import type { IDataObject } from 'n8n-workflow';
import { fromCatalogue, type Failure } from '../errors/failure';
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

/**
 * The catalogue's advice speaks of cancellations and idempotency keys; a read changes nothing
 * at Mercado Pago, so for reads the codes stay and the advice says so.
 */
const READ_DESCRIPTIONS: Readonly<Record<string, string>> = {
	unknown_error_occurred: 'Contact Mercado Pago support with the IDs of this item.',
	header_missing:
		"The Authorization header did not reach Mercado Pago. Check any proxy between n8n and Mercado Pago (the credential's Base URL).",
	too_many_requests:
		'Lower the Concurrency or set Max Requests per Second in the options, or raise Max Retries. Running it again is safe: reading changes nothing.',
	internal_server_error:
		'Try again later: reading changes nothing, so running it again is safe. If it persists, contact Mercado Pago support.',
	timeout: 'Reading changes nothing, so running it again is safe. Raise the Timeout option if Mercado Pago is slow.',
	network_error:
		"Check the network, proxy settings and the credential's Base URL, then run it again: reading changes nothing.",
	cancelled: 'The execution was stopped while reading. Running it again is safe: reading changes nothing.',
};

export interface NotFoundWording {
	message: string;
	description: string;
}

/** A failed read: same codes as Cancel, advice for a read, and a 404 that names what was missing. */
export function readWording(failure: Failure, notFound?: NotFoundWording): Failure {
	if (failure.code === 'resource_not_found' && notFound) return { ...failure, ...notFound };
	return { ...failure, description: READ_DESCRIPTIONS[failure.code] ?? failure.description };
}

/** A failed read as an item outcome, with the item's ids for the error output. */
export function readFailure(
	result: Extract<ApiResult, { ok: false }>,
	context: IDataObject,
	notFound?: NotFoundWording,
): ItemOutcome {
	return apiFailure({ ...result, failure: readWording(result.failure, notFound) }, context);
}

export const CUSTOMER_NOT_FOUND: NotFoundWording = {
	message: 'The customer was not found',
	description: 'Check the customer ID, and that the customer belongs to the account of the access token.',
};
