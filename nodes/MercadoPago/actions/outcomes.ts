import type { IDataObject } from 'n8n-workflow';
import { ERROR_CATALOGUE, isCatalogued, type CatalogueEntry } from '../errors/catalogue';
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

export interface NotFoundWording {
	message: string;
	description: string;
}

/** A failed read: same codes as Cancel, advice for a read, and a 404 that names what was missing. */
export function readWording(failure: Failure, notFound?: NotFoundWording): Failure {
	if (failure.code === 'resource_not_found' && notFound) return { ...failure, ...notFound };
	const advice = isCatalogued(failure.code) ? (ERROR_CATALOGUE[failure.code] as CatalogueEntry).readDescription : undefined;
	return { ...failure, description: advice ?? failure.description };
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
