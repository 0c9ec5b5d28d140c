import { READ, type ReadList } from '../operation';

/**
 * A subscription's charges (Mercado Pago's authorized payments, the invoices of its
 * renewals): what an operations team reads to see whether a renewal was charged before it
 * cancels. Each item is the charge as Mercado Pago sends it (its `payment` holds the payment's
 * status), plus `subscriptionId` and `invoiceId`, the names the next node reads.
 */
export const operation: ReadList = {
	value: 'getInvoices',
	label: 'Get Invoices',
	action: 'Get invoices of a subscription',
	summary: "List a subscription's charges (invoices), each with its status and its payment's, to see whether a renewal was charged.",
	effect: READ,
	words: { subject: 'subscription' },
	ids: ['subscriptionId'],
	request: { method: 'GET', path: '/authorized_payments/search', query: { preapproval_id: '{subscriptionId}' } },
	proof: 'page',
	list: 'results',
	item: (charge, { subscriptionId }) => ({ ...charge, subscriptionId, invoiceId: charge.id }),
};
