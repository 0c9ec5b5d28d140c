import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { optionsCollection } from '../common.descriptions';
import { customerLocator, readIds } from '../locators';
import { statusFilter } from '../filters';
import { fetchPages, listed, outputUnmatchedOption, readLimit, returnAllOrLimit } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared, RunContext } from '../types';
import { profileItem } from './profileItem';

const status = statusFilter('profiles', 'READY', [
	{ name: 'Cancelled', value: 'CANCELLED', description: 'Cancelled profiles; they cannot be changed any more' },
	{ name: 'Pending', value: 'PENDING', description: 'Created but not yet ready to charge' },
	{ name: 'Ready', value: 'READY', description: 'Active: the profile can charge the customer' },
]);

const properties: INodeProperties[] = [customerLocator, ...returnAllOrLimit, status.property, optionsCollection([outputUnmatchedOption])];

export const description = updateDisplayOptions({ show: { resource: ['paymentProfile'], operation: ['getAll'] } }, properties);

/** A 404 here means the customer: the list is theirs. */
export const wording: Wording = { kind: 'read', subject: 'customer' };

/** One output item per profile of the customer; none (or the row, matched: false) when there is none in that status. */
export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	const read = readIds(this, itemIndex, ['customerId']);
	const limit = readLimit.call(this, itemIndex);
	const filter = status.read(this, itemIndex);
	const context = { ...read.given, status: filter.given };
	if (!read.ok) return invalidInput(read.problem, context);
	if (!filter.read.ok) return invalidInput(filter.read.problem, context);
	const { customerId } = read.ids;
	const query = { status: filter.read.value };

	return ready(context, async (api) => {
		const request = { method: 'GET', path: ['v1', 'customers', customerId, 'payment-profiles'], query } as const;
		const pages = await fetchPages(api, request, 'data', limit);
		return pages.ok ? listed(this, itemIndex, run, pages.items.map((profile) => profileItem(profile, customerId))) : pages;
	});
}
