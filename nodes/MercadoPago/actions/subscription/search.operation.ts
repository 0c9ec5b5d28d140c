import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { PROBLEMS } from '../../errors/problems';
import { optionsCollection } from '../common.descriptions';
import { fetchPages, readLimit, readStatusFilter, returnAllOrLimit, statusFilters } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';
import { subscriptionItem } from './subscriptionItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Payer Email',
		name: 'payerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			"The payer's whole email address, typed or from an expression. Empty lists every subscription of the account (mind Return All).",
	},
	...returnAllOrLimit,
	statusFilters('subscriptions', 'authorized', [
		{ name: 'Authorized', value: 'authorized', description: 'Active: the subscription charges the payer' },
		{ name: 'Cancelled', value: 'cancelled', description: 'Cancelled for good' },
		{ name: 'Paused', value: 'paused', description: 'Not charging until it is resumed' },
		{ name: 'Pending', value: 'pending', description: 'Created, waiting for the payer' },
	]),
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['search'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'subscription' };

/** One output item per subscription found; none when nothing matches. */
export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const raw = this.getNodeParameter('payerEmail', itemIndex, '') as unknown;
	const email = typeof raw === 'string' ? raw.trim() : '';
	const limit = readLimit.call(this, itemIndex);
	const status = readStatusFilter.call(this, itemIndex);
	const context = { payerEmail: email, status: status ?? null };
	if (email !== '' && !email.includes('@')) return invalidInput(PROBLEMS.emailNoAt(email), context);

	return ready(context, async (api) => {
		const query = { payer_email: email || undefined, status };
		const pages = await fetchPages(api, { method: 'GET', path: ['preapproval', 'search'], query }, 'results', limit);
		return pages.ok ? { ok: true, json: pages.items.map(subscriptionItem) } : pages;
	});
}
