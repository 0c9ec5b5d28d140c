import { emailInput } from '../filters';
import { READ, type ReadList } from '../operation';

export const operation: ReadList = {
	value: 'search',
	label: 'Search',
	action: 'Search customers by email',
	summary: 'Find customers by email address, to get their customer ID.',
	effect: READ,
	words: { subject: 'customer' },
	ids: [],
	inputs: [
		emailInput(
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
			'Email',
		),
	],
	request: { method: 'GET', path: '/v1/customers/search', query: { email: '{email}' } },
	proof: 'page',
	list: 'results',
};
