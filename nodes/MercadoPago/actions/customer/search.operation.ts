import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MercadoPagoApi } from '../../transport/api';
import { requestOptions } from '../common.descriptions';
import { invalidInput, readFailure } from '../outcomes';
import { fetchPages, readLimit, returnAllOrLimit } from '../paging';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description:
			"The customer's email address, typed or taken from the input with an expression. Mercado Pago matches the whole address, not part of it.",
	},
	...returnAllOrLimit,
	requestOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['search'] } }, properties);

/** One output item per customer found; none when nobody has that email. */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome> {
	const raw = this.getNodeParameter('email', itemIndex, '') as unknown;
	const email = typeof raw === 'string' ? raw.trim() : '';
	const limit = readLimit.call(this, itemIndex);
	const context = { email };
	if (email === '') return invalidInput('The email is empty', context);

	const pages = await fetchPages(api, { method: 'GET', path: ['v1', 'customers', 'search'], query: { email } }, 'results', limit);
	if (!pages.ok) return readFailure(pages, context);
	return { ok: true, json: pages.items };
}
