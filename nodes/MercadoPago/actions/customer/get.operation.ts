import { READ, type ReadOne } from '../operation';

export const operation: ReadOne = {
	value: 'get',
	label: 'Get',
	action: 'Get a customer',
	summary: 'Get a customer by ID.',
	effect: READ,
	words: { subject: 'customer' },
	ids: ['customerId'],
	request: { method: 'GET', path: '/v1/customers/{customerId}' },
	proof: 'theObject',
};
