import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { MercadoPagoApi } from '../../transport/api';
import { requestOptions } from '../common.descriptions';
import { customerLocator, paymentProfileLocator, readId } from '../locators';
import { invalidInput, readFailure } from '../outcomes';
import type { ItemOutcome } from '../types';
import { withCustomerId } from './profileJson';

const properties: INodeProperties[] = [customerLocator, paymentProfileLocator, requestOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['paymentProfile'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome> {
	const customer = readId.call(this, 'customerId', itemIndex);
	const profile = readId.call(this, 'paymentProfileId', itemIndex);
	const context = { customerId: customer.ok ? customer.id : null, paymentProfileId: profile.ok ? profile.id : null };
	if (!customer.ok) return invalidInput(customer.problem, context);
	if (!profile.ok) return invalidInput(profile.problem, context);

	const result = await api.call({ method: 'GET', path: ['v1', 'customers', customer.id, 'payment-profiles', profile.id] });
	if (!result.ok) return readFailure(result, context);
	return { ok: true, json: [withCustomerId(result.body as IDataObject, customer.id)] };
}
