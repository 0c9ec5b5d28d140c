import { READ, type ReadOne } from '../operation';
import { profileItem } from './profileItem';

/** Also how Cancel reads the profile, for its dry run and after a refusal. */
export const operation: ReadOne = {
	value: 'get',
	label: 'Get',
	action: 'Get a payment profile',
	summary: 'Get one payment profile of a customer, with its status.',
	effect: READ,
	words: { subject: 'payment profile' },
	ids: ['customerId', 'paymentProfileId'],
	request: { method: 'GET', path: '/v1/customers/{customerId}/payment-profiles/{paymentProfileId}' },
	proof: 'theObject',
	item: profileItem,
};
