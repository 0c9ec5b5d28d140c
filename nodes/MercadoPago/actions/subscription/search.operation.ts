import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { PROBLEMS } from '../../errors/problems';
import { optionsCollection } from '../common.descriptions';
import { readEmail, statusFilter } from '../filters';
import { fetchPages, listed, outputUnmatchedOption, readLimit, returnAllOrLimit } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared, RunContext } from '../types';
import { subscriptionItem } from './subscriptionItem';

const status = statusFilter('subscriptions', 'authorized', [
	{ name: 'Authorized', value: 'authorized', description: 'Active: the subscription charges the payer' },
	{ name: 'Cancelled', value: 'cancelled', description: 'Cancelled for good' },
	{ name: 'Paused', value: 'paused', description: 'Not charging until it is resumed' },
	{ name: 'Pending', value: 'pending', description: 'Created, waiting for the payer' },
]);

/** The account-wide listing: chosen in the form only, so no expression (a blank cell, an agent) can switch it on. */
const EVERY_SUBSCRIPTION = 'account';

const properties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Payer Email', value: 'payerEmail', description: "One payer's subscriptions, found by their whole email address" },
			{
				name: 'Every Subscription of the Account',
				value: EVERY_SUBSCRIPTION,
				description: 'Every payer\'s subscriptions (mind Return All and the Status filter)',
			},
		],
		default: 'payerEmail',
	},
	{
		displayName: 'Payer Email',
		name: 'payerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description:
			"The payer's whole email address, typed or from an expression. An empty one fails the item: it never lists other payers' subscriptions.",
		displayOptions: { show: { searchBy: ['payerEmail'] } },
	},
	...returnAllOrLimit,
	status.property,
	optionsCollection([outputUnmatchedOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['search'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'subscription' };

/** One output item per subscription found; none (or the row, matched: false) when nothing matches. */
export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	const everySubscription = this.getNodeParameter('searchBy', itemIndex, 'payerEmail') === EVERY_SUBSCRIPTION;
	const limit = readLimit.call(this, itemIndex);
	const filter = status.read(this, itemIndex);
	const payer = everySubscription ? undefined : readEmail(this, itemIndex, 'payerEmail', 'Payer Email');
	const context = { payerEmail: payer?.given ?? null, status: filter.given };
	if (payer && !payer.read.ok) {
		// An empty email once listed the whole account: say where that listing went.
		const empty = payer.read.problem === PROBLEMS.empty('Payer Email');
		return invalidInput(empty ? `${payer.read.problem}. ${PROBLEMS.everySubscriptionHint()}` : payer.read.problem, context);
	}
	if (!filter.read.ok) return invalidInput(filter.read.problem, context);
	const query = { payer_email: payer?.read.ok ? payer.read.value : undefined, status: filter.read.value };

	return ready(context, async (api) => {
		const pages = await fetchPages(api, { method: 'GET', path: ['preapproval', 'search'], query }, 'results', limit);
		return pages.ok ? listed(this, itemIndex, run, pages.items.map(subscriptionItem)) : pages;
	});
}
