/**
 * Subscription > Get Invoices: a subscription's charges, page by page, each naming its
 * subscription and itself; what an operations team reads before it cancels.
 */
import type { IDataObject } from 'n8n-workflow';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { pagesAsked } from './fixtures';

const sandbox = useSandbox();

const GET_INVOICES = {
	resource: 'subscription',
	operation: 'getInvoices',
	subscriptionId: { __rl: true, mode: 'id', value: '={{ $json.subscriptionId }}' },
};

const run = (items: IDataObject[], extra: { parameters?: IDataObject; options?: IDataObject } = {}) =>
	runOperation(sandbox(), { parameters: { ...GET_INVOICES, ...extra.parameters }, options: extra.options, items, onError: 'continueErrorOutput' });

it("lists every charge of the row's subscription, following the pages, each with subscriptionId and invoiceId", async () => {
	const subscription = sandbox().addSubscription({ payer_email: 'ana@example.com' });
	const other = sandbox().addSubscription({ payer_email: 'bruno@example.com' });
	const charges = Array.from({ length: 130 }, () => sandbox().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'approved' }));
	sandbox().addAuthorizedPayment({ preapproval_id: other.id, payment_status: 'approved' });

	const result = await run([{ subscriptionId: subscription.id }], { parameters: { returnAll: true } });

	expect(result.success.map((i) => i.json.invoiceId)).toEqual(charges.map((c) => c.id));
	expect(result.success[0].json).toMatchObject({ id: charges[0].id, preapproval_id: subscription.id, subscriptionId: subscription.id, invoiceId: charges[0].id });
	expect(pagesAsked(sandbox())).toEqual([
		{ preapproval_id: subscription.id, limit: '100', offset: '0' },
		{ preapproval_id: subscription.id, limit: '100', offset: '100' },
	]);
});

it('shows whether the last renewal was charged: a rejected one carries its payment status', async () => {
	const subscription = sandbox().addSubscription({});
	sandbox().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'approved' });
	sandbox().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'rejected' });
	const result = await run([{ subscriptionId: subscription.id }]);
	expect(result.success.map((i) => [i.json.status, (i.json.payment as IDataObject).status])).toEqual([
		['processed', 'approved'],
		['recycling', 'rejected'],
	]);
});

it('a blank subscription id refuses the row and sends nothing: it never lists the account\'s charges', async () => {
	const subscription = sandbox().addSubscription({});
	sandbox().addAuthorizedPayment({ preapproval_id: subscription.id });
	const result = await run([{ subscriptionId: '  ' }, {}]);
	expect(result.error.map((i) => (i.json.error as IDataObject).message)).toEqual([
		'The input of this item is not valid, so nothing was sent: Subscription ID is empty',
		'The input of this item is not valid, so nothing was sent: Subscription ID is empty',
	]);
	expect(sandbox().requests).toEqual([]);
});

it('a subscription without charges matches nothing, counted, and with Output Rows That Match Nothing gives its row back', async () => {
	const subscription = sandbox().addSubscription({});
	const quiet = await run([{ subscriptionId: subscription.id }]);
	const shown = await run([{ subscriptionId: subscription.id }], { options: { outputUnmatched: true } });
	expect(quiet.success).toEqual([]);
	expect(shown.success.map((i) => i.json)).toEqual([{ subscriptionId: subscription.id, matched: false }]);
});

it('Limit stops the listing at that many charges', async () => {
	const subscription = sandbox().addSubscription({});
	for (let i = 0; i < 5; i++) sandbox().addAuthorizedPayment({ preapproval_id: subscription.id });
	const result = await run([{ subscriptionId: subscription.id }], { parameters: { limit: 3 } });
	expect(result.success).toHaveLength(3);
	expect(pagesAsked(sandbox())).toEqual([{ preapproval_id: subscription.id, limit: '3', offset: '0' }]);
});
