import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { CUSTOMER_NOT_FOUND, type NotFoundWording } from '../actions/outcomes';
import { MAX_PAGE_SIZE, readPage } from '../actions/paging';
import { normaliseId } from '../helpers/ids';
import type { MercadoPagoApi } from '../transport/api';
import type { RequestSpec } from '../transport/client';
import { pickerError, withEditorApi } from './editorApi';

/** One page of a list endpoint, and the offset of the next one when there is more. */
async function page(
	ctx: ILoadOptionsFunctions,
	api: MercadoPagoApi,
	request: RequestSpec,
	listKey: 'results' | 'data',
	paginationToken: string | undefined,
	notFound?: NotFoundWording,
): Promise<{ list: IDataObject[]; next: string | undefined }> {
	const offset = Math.max(0, Number(paginationToken) || 0);
	const result = await api.call({ ...request, query: { ...request.query, limit: MAX_PAGE_SIZE, offset } });
	if (!result.ok) throw pickerError(ctx, result.failure, notFound);
	const { page: list, total } = readPage(result.body, listKey);
	const seen = offset + list.length;
	const more = list.length > 0 && (total !== undefined ? seen < total : list.length === MAX_PAGE_SIZE);
	return { list, next: more ? String(seen) : undefined };
}

/** Customer picker: Mercado Pago searches by the whole email, so what the user typed is sent as the email. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const email = filter?.trim() || undefined;
	const { list, next } = await withEditorApi(this, async (api) =>
		page(this, api, { method: 'GET', path: ['v1', 'customers', 'search'], query: { email } }, 'results', paginationToken),
	);
	const results = list.map((customer): INodeListSearchItems => {
		const name = [customer.first_name, customer.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ');
		return { name: name ? `${String(customer.email)} (${name})` : String(customer.email), value: String(customer.id) };
	});
	return { results, paginationToken: next };
}

/** Payment-profile picker: the chosen customer's profiles, each with its status; cancelled ones marked. */
export async function listPaymentProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const customer = normaliseId('Customer ID', chosenCustomer(this));
	if (!customer.ok) {
		throw new NodeOperationError(this.getNode(), 'Choose a customer first', {
			description: 'The payment profiles listed are those of the customer in the Customer field.',
		});
	}
	const { list, next } = await withEditorApi(this, async (api) =>
		page(
			this,
			api,
			{ method: 'GET', path: ['v1', 'customers', customer.id, 'payment-profiles'] },
			'data',
			paginationToken,
			CUSTOMER_NOT_FOUND,
		),
	);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = list
		.map(profileItem)
		.filter((item) => needle === '' || `${item.name} ${String(item.value)}`.toLowerCase().includes(needle));
	return { results, paginationToken: next };
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
