import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';
import type { Wording } from '../errors/catalogue';
import type { Failure } from '../errors/failure';
import { wordsFor } from '../errors/itemErrors';
import { PROBLEMS } from '../errors/problems';
import { aPage, MAX_PAGE_SIZE } from '../shared/answers';
import type { RequestSpec } from '../transport/client';
import { openSession } from '../transport/session';
import { checkEmail } from '../actions/filters';
import { readId } from '../actions/locators';

/**
 * A person is waiting on an open dropdown: a short timeout, one retry and a short wait behind
 * the rate limit, rather than the execution's patience. Everything else is the node's own transport.
 */
export const EDITOR_SETTINGS = { concurrency: 1, maxRetries: 1, timeoutMs: 10_000, rateLimitWaitMs: 10_000 };

/** One page of a list endpoint, and the offset of the next one when there is more. */
async function page(
	ctx: ILoadOptionsFunctions,
	request: RequestSpec,
	listKey: 'results' | 'data',
	paginationToken: string | undefined,
	wording: Wording,
): Promise<{ list: IDataObject[]; next: string | undefined }> {
	const session = await openSession(ctx, EDITOR_SETTINGS);
	if (!session.ok) throw pickerError(ctx, session.failure, wording);
	const offset = offsetOf(paginationToken);
	try {
		const result = await session.api.call({ ...request, query: { ...request.query, limit: MAX_PAGE_SIZE, offset } }, aPage(listKey));
		if (!result.ok) throw pickerError(ctx, result.failure, wording);
		const { page: list, total } = result.value;
		const seen = offset + list.length;
		const more = list.length > 0 && (total !== undefined ? seen < total : list.length === MAX_PAGE_SIZE);
		return { list, next: more ? String(seen) : undefined };
	} finally {
		session.close();
	}
}

/** What the dropdown shows when Mercado Pago refused: the same message and advice as a read's error item. */
function pickerError(ctx: ILoadOptionsFunctions, failure: Failure, wording: Wording): NodeApiError {
	const { code, httpStatus } = failure;
	const { message, description } = wordsFor(failure, wording);
	return new NodeApiError(ctx.getNode(), { code, httpStatus, message, description } as JsonObject, {
		message,
		description,
		httpCode: httpStatus === null ? undefined : String(httpStatus),
	});
}

/**
 * A picker that searches by the whole email typed (Mercado Pago matches no part of one):
 * nothing is asked before a whole address is typed, so an empty box never lists the account,
 * and a search that finds nothing says what was typed.
 */
async function byEmail(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	search: { path: string[]; param: string; whose: string; wording: Wording; item: (found: IDataObject) => INodeListSearchItems },
): Promise<INodeListSearchResult> {
	const hint = (name: string): INodeListSearchResult => ({ results: [{ name, value: '' }] });
	if (!filter?.trim()) return hint(PROBLEMS.typeEmailToSearch(search.whose));
	const email = checkEmail('Email', filter);
	if (!email.ok) return hint(email.problem);
	const request: RequestSpec = { method: 'GET', path: search.path, query: { [search.param]: email.value } };
	const { list, next } = await page(ctx, request, 'results', paginationToken, search.wording);
	if (list.length === 0 && offsetOf(paginationToken) === 0) return hint(PROBLEMS.noneWithEmail(search.wording.subject, email.value));
	return { results: list.map(search.item), paginationToken: next };
}

/** Customer picker: the customers with the email typed, shown by email and name. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await byEmail(this, filter, paginationToken, {
		path: ['v1', 'customers', 'search'],
		param: 'email',
		whose: "customer's",
		wording: { kind: 'read', subject: 'customer' },
		item: (customer) => {
			const name = [customer.first_name, customer.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ');
			return { name: name ? `${String(customer.email)} (${name})` : String(customer.email), value: String(customer.id) };
		},
	});
}

/** Payment-profile picker: the chosen customer's profiles, each with its status; cancelled ones marked. */
export async function listPaymentProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const chosen = chosenCustomer(this);
	if (chosen === undefined || chosen === null || (typeof chosen === 'string' && chosen.trim() === '')) {
		throw new NodeOperationError(this.getNode(), PROBLEMS.chooseCustomerFirst(), { description: PROBLEMS.chooseCustomerFirstWhy() });
	}
	const customer = readId('customerId', chosen);
	if (!customer.ok) throw new NodeOperationError(this.getNode(), customer.problem);
	const request: RequestSpec = { method: 'GET', path: ['v1', 'customers', customer.id, 'payment-profiles'] };
	const { list, next } = await page(this, request, 'data', paginationToken, { kind: 'read', subject: 'customer' });
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = list
		.map(profileItem)
		.filter((item) => needle === '' || `${item.name} ${String(item.value)}`.toLowerCase().includes(needle));
	return { results, paginationToken: next };
}

function offsetOf(paginationToken: string | undefined): number {
	return Math.max(0, Math.floor(Number(paginationToken)) || 0);
}

function profileItem(profile: IDataObject): INodeListSearchItems {
	const status = String(profile.status ?? 'UNKNOWN');
	const label = typeof profile.description === 'string' && profile.description !== '' ? profile.description : String(profile.id);
	// A cancelled profile cannot be changed again: mark it so nobody picks it to cancel.
	const name = status === 'CANCELLED' ? `✕ ${label} (CANCELLED)` : `${label} (${status})`;
	return { name, value: String(profile.id), description: `ID ${String(profile.id)}` };
}

/** The Customer field as picked or typed; an expression that needs input data cannot be read in the editor. */
function chosenCustomer(ctx: ILoadOptionsFunctions): unknown {
	try {
		return ctx.getNodeParameter('customerId', undefined, { extractValue: true });
	} catch {
		return undefined;
	}
}

/** Subscription picker: the subscriptions of the payer whose whole email is typed, each with its reason and status. */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await byEmail(this, filter, paginationToken, {
		path: ['preapproval', 'search'],
		param: 'payer_email',
		whose: "payer's",
		wording: { kind: 'read', subject: 'subscription' },
		item: (subscription) => {
			const status = String(subscription.status ?? 'unknown');
			const reason = typeof subscription.reason === 'string' && subscription.reason !== '' ? subscription.reason : String(subscription.id);
			const label = `${reason} (${status}) · ${String(subscription.payer_email ?? '')}`;
			return { name: status === 'cancelled' ? `✕ ${label}` : label, value: String(subscription.id), description: `ID ${String(subscription.id)}` };
		},
	});
}
