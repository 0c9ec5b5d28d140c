import { statusFilter } from '../filters';
import { READ, type ReadList } from '../operation';
import { profileItem } from './profileItem';

export const operation: ReadList = {
	value: 'getAll',
	label: 'Get Many',
	action: 'Get many payment profiles',
	summary: "List a customer's payment profiles, optionally only those in one status.",
	effect: READ,
	// A 404 here means the customer: the list is theirs.
	words: { subject: 'customer' },
	ids: ['customerId'],
	filter: statusFilter('profiles', 'READY', [
		{ name: 'Cancelled', value: 'CANCELLED', description: 'Cancelled profiles; they cannot be changed any more' },
		{ name: 'Pending', value: 'PENDING', description: 'Created but not yet ready to charge' },
		{ name: 'Ready', value: 'READY', description: 'Active: the profile can charge the customer' },
	]),
	request: { method: 'GET', path: '/v1/customers/{customerId}/payment-profiles', query: { status: '{status}' } },
	proof: 'page',
	list: 'data',
	item: profileItem,
};
