/**
 * Every path that puts an id in a URL: a blank, missing or null id fails that row with words a
 * person understands, a name of a sibling endpoint is refused before it can reach that
 * endpoint, and the error item names the row as the input gave it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runListSearch } from '../harness/listSearch';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const byId = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });
const customer = { customerId: byId('customerId') };
const profile = { ...customer, paymentProfileId: byId('paymentProfileId') };
const subscription = { subscriptionId: byId('subscriptionId') };

/** Every operation that puts an id in a path, and the ids it reads. */
const OPERATIONS: Array<{ name: string; parameters: INodeParameters; ids: string[] }> = [
	{ name: 'Customer > Get', parameters: { resource: 'customer', operation: 'get', ...customer }, ids: ['customerId'] },
	{ name: 'Payment Profile > Get', parameters: { resource: 'paymentProfile', operation: 'get', ...profile }, ids: ['customerId', 'paymentProfileId'] },
	{ name: 'Payment Profile > Get Many', parameters: { resource: 'paymentProfile', operation: 'getAll', ...customer }, ids: ['customerId'] },
	{ name: 'Payment Profile > Cancel', parameters: { resource: 'paymentProfile', operation: 'cancel', ...profile }, ids: ['customerId', 'paymentProfileId'] },
	...['get', 'cancel', 'pause', 'resume'].map((operation) => ({
		name: `Subscription > ${operation}`,
		parameters: { resource: 'subscription', operation, ...subscription },
		ids: ['subscriptionId'],
	})),
];

const LABELS: Record<string, string> = { customerId: 'Customer ID', paymentProfileId: 'Payment Profile ID', subscriptionId: 'Subscription ID' };

const errorOf = (item: { json: IDataObject }) => item.json.error as IDataObject;

function run(parameters: INodeParameters, items: IDataObject[]) {
	return runOperation(sandbox(), { parameters, items, onError: 'continueErrorOutput' });
}

describe('a blank, missing or null id fails its row: "<field> is empty", nothing sent', () => {
	const blanks: Array<[string, (field: string) => IDataObject]> = [
		['missing (a row without that column)', () => ({})],
		['null from the expression', (field) => ({ [field]: null })],
		['three spaces', (field) => ({ [field]: '   ' })],
	];
	const cases = OPERATIONS.flatMap((op) => op.ids.flatMap((field) => blanks.map(([label, row]) => ({ op, field, label, row }))));

	it.each(cases)('$op.name, $field $label', async ({ op, field, row }) => {
		const others = Object.fromEntries(op.ids.filter((id) => id !== field).map((id) => [id, 'x-1']));
		const result = await run(op.parameters, [{ ...others, ...row(field) }]);
		const error = errorOf(result.error[0]);
		expect(error).toMatchObject({ code: 'invalid_input', attempts: 0 });
		expect(error.message).toBe(`The input of this item is not valid, so nothing was sent: ${LABELS[field]} is empty`);
		expect(sandbox().requests).toEqual([]);
	});

	it('a list or an object says what it got, in words', async () => {
		const result = await run(OPERATIONS[0].parameters, [{ customerId: ['a', 'b'] }, { customerId: { id: 'a' } }, { customerId: true }]);
		expect(result.error.map((i) => errorOf(i).message)).toEqual([
			'The input of this item is not valid, so nothing was sent: Customer ID must be text or a number, not a list',
			'The input of this item is not valid, so nothing was sent: Customer ID must be text or a number, not an object',
			'The input of this item is not valid, so nothing was sent: Customer ID must be text or a number, not true or false',
		]);
	});
});

describe('an id that names a sibling endpoint is refused before it is sent', () => {
	const reserved = OPERATIONS.flatMap((op) =>
		op.ids
			.filter((field) => field !== 'paymentProfileId')
			.flatMap((field) => ['search', 'SEARCH', ' Search '].map((id) => ({ op, field, id }))),
	);

	it.each(reserved)('$op.name with $field $id', async ({ op, field, id }) => {
		const others = Object.fromEntries(op.ids.filter((other) => other !== field).map((other) => [other, 'x-1']));
		const result = await run(op.parameters, [{ ...others, [field]: id }]);
		expect(errorOf(result.error[0])).toMatchObject({
			code: 'invalid_input',
			attempts: 0,
			[field]: id,
			message: expect.stringContaining(`${LABELS[field]} cannot be "${id.trim()}"`),
		});
		expect(sandbox().requests).toEqual([]);
	});

	it('the payment-profile picker refuses it too, and says why', async () => {
		const picked = runListSearch({
			nodeType: new MercadoPago(),
			method: 'listPaymentProfiles',
			parameters: { resource: 'paymentProfile', operation: 'cancel', customerId: { __rl: true, mode: 'id', value: 'search' } },
			credentials: { mercadoPagoApi: { accessToken: sandbox().token, baseUrl: sandbox().url } },
			credentialTypes: [new MercadoPagoApi()],
		});
		await expect(picked).rejects.toMatchObject({ message: expect.stringContaining('Customer ID cannot be "search"') });
		expect(sandbox().requests).toEqual([]);
	});
});

describe('error items name the row as the input gave it', () => {
	it('an invalid id keeps its spaces, a number stays a number', async () => {
		const result = await run(OPERATIONS[1].parameters, [{ customerId: '   ', paymentProfileId: 778899 }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', customerId: '   ', paymentProfileId: 778899 });
	});

	it('an id that was sent and failed is the untrimmed one too; a success carries the id sent', async () => {
		const known = sandbox().addSubscription({});
		const result = await run(OPERATIONS[4].parameters, [{ subscriptionId: ' nope ' }, { subscriptionId: ` ${known.id} ` }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'resource_not_found', subscriptionId: ' nope ', attempts: 1 });
		expect(result.success[0].json).toMatchObject({ subscriptionId: known.id });
	});
});
