import { PROBLEMS } from '../../errors/problems';
import { inputRead, readEmail, statusFilter } from '../filters';
import { READ, type Input, type ReadList } from '../operation';
import { subscriptionItem } from './subscriptionItem';

/** The account-wide listing: chosen in the form only, so no expression (a blank cell, an agent) can switch it on. */
const EVERY_SUBSCRIPTION = 'account';

/** One payer's subscriptions by their whole email, or, chosen in the form, every subscription of the account. */
const payer: Input = {
	fields: [
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
	],
	read(ctx, itemIndex) {
		if (ctx.getNodeParameter('searchBy', itemIndex, 'payerEmail') === EVERY_SUBSCRIPTION) {
			return { ok: true, given: { payerEmail: null }, values: {} };
		}
		const email = readEmail(ctx, itemIndex, 'payerEmail', 'Payer Email');
		// An empty email once listed the whole account: say where that listing went.
		if (!email.read.ok && email.read.problem === PROBLEMS.empty('Payer Email')) {
			return { ok: false, given: { payerEmail: email.given }, problem: `${email.read.problem}. ${PROBLEMS.everySubscriptionHint()}` };
		}
		return inputRead('payerEmail', email);
	},
};

export const operation: ReadList = {
	value: 'search',
	label: 'Search',
	action: 'Search subscriptions',
	summary: "Find subscriptions (preapprovals) by the payer's email and status.",
	effect: READ,
	words: { subject: 'subscription' },
	ids: [],
	inputs: [payer],
	filter: statusFilter('subscriptions', 'authorized', [
		{ name: 'Authorized', value: 'authorized', description: 'Active: the subscription charges the payer' },
		{ name: 'Cancelled', value: 'cancelled', description: 'Cancelled for good' },
		{ name: 'Paused', value: 'paused', description: 'Not charging until it is resumed' },
		{ name: 'Pending', value: 'pending', description: 'Created, waiting for the payer' },
	]),
	request: { method: 'GET', path: '/preapproval/search', query: { payer_email: '{payerEmail}', status: '{status}' } },
	proof: 'page',
	list: 'results',
	item: subscriptionItem,
};
