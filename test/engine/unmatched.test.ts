/**
 * Nothing the user asked for is invisible: a search or list row that finds nothing is counted
 * in the summary, and Output Rows That Match Nothing gives it back with `matched: false`, so
 * an email -> cancel flow can log the rows that did nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunResult } from '../harness/harness';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from './fixtures';

const sandbox = useSandbox();

const hintsOf = (result: RunResult) => (result.raw.data.resultData.runData['Mercado Pago']?.[0]?.hints ?? []).map((h) => h.message);

const CUSTOMER_SEARCH = { resource: 'customer', operation: 'search', email: '={{ $json.email }}' };
const SUBSCRIPTION_SEARCH = { resource: 'subscription', operation: 'search', payerEmail: '={{ $json.email }}' };
const GET_MANY = {
	resource: 'paymentProfile',
	operation: 'getAll',
	customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' },
	filters: { status: 'READY' },
};

function run(parameters: INodeParameters, items: IDataObject[], options: IDataObject = {}) {
	return runOperation(sandbox(), { parameters, items, options, onError: 'continueErrorOutput' });
}

describe('rows that match nothing are counted', () => {
	it('Customer > Search: "2 rows matched nothing"; the row found comes out as before', async () => {
		const ana = sandbox().addCustomer({ email: 'ana@example.com' });
		const result = await run(CUSTOMER_SEARCH, [{ email: 'ana@example.com' }, { email: 'nobody@example.com' }, { email: 'carla@exmple.com' }]);
		expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([[ana.id, { item: 0 }]]);
		expect(hintsOf(result)).toEqual(['2 rows matched nothing']);
	});

	it('one row is "1 row", and failures are counted beside it', async () => {
		const result = await run(SUBSCRIPTION_SEARCH, [{ email: 'nobody@example.com' }, { email: 'no-at-sign' }]);
		expect(hintsOf(result)).toEqual(['1 row matched nothing, 1 failed: see the Error output']);
	});

	it('a read where every row found something says nothing', async () => {
		sandbox().addCustomer({ email: 'ana@example.com' });
		const result = await run(CUSTOMER_SEARCH, [{ email: 'ana@example.com' }]);
		expect(hintsOf(result)).toEqual([]);
	});
});

describe('Output Rows That Match Nothing', () => {
	const cases: Array<[string, INodeParameters, () => IDataObject]> = [
		['Customer > Search', CUSTOMER_SEARCH, () => ({ email: 'nobody@example.com', ticket: 'T-1' })],
		['Subscription > Search', SUBSCRIPTION_SEARCH, () => ({ email: 'nobody@example.com', ticket: 'T-1' })],
		['Payment Profile > Get Many', GET_MANY, () => ({ customerId: seedProfiles(sandbox(), [{ status: 'CANCELLED' }])[0].customerId, ticket: 'T-1' })],
	];

	it.each(cases)('%s: the row comes back with its input fields and matched: false, paired with it', async (_name, parameters, makeRow) => {
		const row = makeRow();
		const result = await run(parameters, [row], { outputUnmatched: true });
		expect(result.success.map((i) => [i.json, i.pairedItem])).toEqual([[{ ...row, matched: false }, { item: 0 }]]);
		expect(hintsOf(result)).toEqual(['1 row matched nothing']);
	});

	it('is off by default: the row leaves no item', async () => {
		const result = await run(CUSTOMER_SEARCH, [{ email: 'nobody@example.com' }]);
		expect(result.success).toEqual([]);
	});
});
