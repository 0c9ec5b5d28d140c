import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MercadoPagoApi } from '../../transport/api';
import { requestOptions } from '../common.descriptions';
import { customerLocator, readId } from '../locators';
import { CUSTOMER_NOT_FOUND, invalidInput, readFailure } from '../outcomes';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [customerLocator, requestOptions];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome> {
	const customer = readId.call(this, 'customerId', itemIndex);
	if (!customer.ok) return invalidInput(customer.problem, { customerId: null });
	const context = { customerId: customer.id };
	// GET /v1/customers/search is the search endpoint: that id would return a search page, not a customer.
	if (customer.id === 'search') return invalidInput('Customer ID cannot be "search"', context);

	const result = await api.call({ method: 'GET', path: ['v1', 'customers', customer.id] });
	if (!result.ok) return readFailure(result, context, CUSTOMER_NOT_FOUND);
	return { ok: true, json: [result.body as IDataObject] };
}
