import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MercadoPagoApi } from '../../transport/api';
import { requestOptions } from '../common.descriptions';
import { customerLocator, readId } from '../locators';
import { CUSTOMER_NOT_FOUND, invalidInput, readFailure } from '../outcomes';
import { fetchPages, readLimit, returnAllOrLimit } from '../paging';
import type { ItemOutcome } from '../types';
import { withCustomerId } from './profileJson';

const properties: INodeProperties[] = [
	customerLocator,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'READY',
				description: 'Only profiles in this status',
				options: [
					{ name: 'Cancelled', value: 'CANCELLED', description: 'Cancelled profiles; they cannot be changed any more' },
					{ name: 'Pending', value: 'PENDING', description: 'Created but not yet ready to charge' },
					{ name: 'Ready', value: 'READY', description: 'Active: the profile can charge the customer' },
				],
			},
		],
	},
	requestOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['paymentProfile'], operation: ['getAll'] } },
	properties,
);

/** One output item per profile of the customer; none when the customer has none (or none in that status). */
export async function execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome> {
	const customer = readId.call(this, 'customerId', itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const status = typeof filters.status === 'string' && filters.status !== '' ? filters.status : undefined;
	const context = { customerId: customer.ok ? customer.id : null, status: status ?? null };
	if (!customer.ok) return invalidInput(customer.problem, context);

	const pages = await fetchPages(
		api,
		{ method: 'GET', path: ['v1', 'customers', customer.id, 'payment-profiles'], query: { status } },
		'data',
		limit,
	);
	if (!pages.ok) return readFailure(pages, context, CUSTOMER_NOT_FOUND);
	return { ok: true, json: pages.items.map((profile) => withCustomerId(profile, customer.id)) };
}
