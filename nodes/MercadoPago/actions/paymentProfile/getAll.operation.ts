import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { optionsCollection } from '../common.descriptions';
import { customerLocator, readIds } from '../locators';
import { fetchPages, readLimit, readStatusFilter, returnAllOrLimit, statusFilters } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';
import { profileItem } from './profileItem';

const properties: INodeProperties[] = [
	customerLocator,
	...returnAllOrLimit,
	statusFilters('profiles', 'READY', [
		{ name: 'Cancelled', value: 'CANCELLED', description: 'Cancelled profiles; they cannot be changed any more' },
		{ name: 'Pending', value: 'PENDING', description: 'Created but not yet ready to charge' },
		{ name: 'Ready', value: 'READY', description: 'Active: the profile can charge the customer' },
	]),
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['paymentProfile'], operation: ['getAll'] } }, properties);

/** A 404 here means the customer: the list is theirs. */
export const wording: Wording = { kind: 'read', subject: 'customer' };

/** One output item per profile of the customer; none when the customer has none (or none in that status). */
export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const read = readIds(this, itemIndex, ['customerId']);
	const limit = readLimit.call(this, itemIndex);
	const status = readStatusFilter.call(this, itemIndex);
	if (!read.ok) return invalidInput(read.problem, { ...read.given, status: status ?? null });
	const { customerId } = read.ids;

	return ready({ ...read.given, status: status ?? null }, async (api) => {
		const request = { method: 'GET', path: ['v1', 'customers', customerId, 'payment-profiles'], query: { status } } as const;
		const pages = await fetchPages(api, request, 'data', limit);
		return pages.ok ? { ok: true, json: pages.items.map((profile) => profileItem(profile, customerId)) } : pages;
	});
}
