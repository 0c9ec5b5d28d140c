/**
 * The Derived From IDs keys are part of the node's interface: every release must send the same
 * key for the same ids, or a re-run after an upgrade would act twice. The expected keys are
 * written out (uuidv5 of the names below in the node's namespace), not computed by the node.
 */
import type { IDataObject } from 'n8n-workflow';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const byId = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });

it.each([
	[
		'Payment Profile > Cancel: uuidv5("cancel:123456789-abc:42")',
		{ resource: 'paymentProfile', operation: 'cancel', customerId: byId('customerId'), paymentProfileId: byId('paymentProfileId') },
		{ customerId: '123456789-abc', paymentProfileId: '42' },
		'eb882278-dd32-52af-8b33-8034c1faa1f9',
	],
	[
		'Subscription > Cancel: uuidv5("cancel-subscription:2c9380848f3e1a5b018f4a6c1d2e0123")',
		{ resource: 'subscription', operation: 'cancel', subscriptionId: byId('subscriptionId') },
		{ subscriptionId: '2c9380848f3e1a5b018f4a6c1d2e0123' },
		'1a987bf8-78f2-5076-912c-2f2dbd15dbc7',
	],
])('%s, sent and named on the item', async (_name, parameters, row: IDataObject, key) => {
	// Nothing by those ids exists: the request is sent and refused, and the error item names its key.
	const result = await runOperation(sandbox(), { parameters, items: [row], onError: 'continueErrorOutput' });
	expect(result.error[0].json.error).toMatchObject({ code: 'resource_not_found', idempotencyKey: key });
	expect(sandbox().requests.map((r) => r.idempotencyKey)).toEqual([key]);
});
