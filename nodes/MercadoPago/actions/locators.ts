import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { normaliseId, type IdResult } from '../helpers/ids';

/**
 * The two id pickers and their reading. Names are stored in workflows: never rename them.
 * `list` is for people picking in the editor; `id` takes expressions for sheets and agents.
 */

export const customerLocator: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Mercado Pago customer. Its ID looks like 123456789-jxOV430go9fx2e; Customer > Search finds it from an email.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Type the customer\'s full email…',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 123456789-jxOV430go9fx2e',
		},
	],
};

export const paymentProfileLocator: INodeProperties = {
	displayName: 'Payment Profile',
	name: 'paymentProfileId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"The customer's payment profile (automatic-payment subscription). Payment Profile > Get Many lists a customer's profiles with their IDs.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a payment profile of the customer…',
			typeOptions: { searchListMethod: 'listPaymentProfiles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7000000001',
		},
	],
};

/** Labels used in `invalid_input` messages, so a person knows which field to fix. */
const LABELS = { customerId: 'Customer ID', paymentProfileId: 'Payment Profile ID' } as const;

/** The locator's value for this item, trimmed and checked to be one safe path segment. */
export function readId(this: IExecuteFunctions, name: keyof typeof LABELS, itemIndex: number): IdResult {
	return normaliseId(LABELS[name], this.getNodeParameter(name, itemIndex, '', { extractValue: true }));
}
