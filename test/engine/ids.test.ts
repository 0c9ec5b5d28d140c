/**
 * Every path that puts an id in a URL: a blank, missing or null id fails that row with words a
 * person understands, a name of a sibling endpoint is refused before it can reach that
 * endpoint, and the error item names the row as the input gave it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { REGISTRY } from '../../nodes/MercadoPago/actions/registry';
import { runListSearch } from '../harness/listSearch';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const byId = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });
const idParameters = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, byId(id)]));

/** Every registered operation that reads an id, and the ids it reads. */
const OPERATIONS: Array<{ name: string; parameters: INodeParameters; ids: readonly string[] }> = REGISTRY.filter(
	({ operation }) => operation.ids.length > 0,
).map(({ resource, operation }) => ({
	name: `${resource.name} > ${operation.label}`,
	parameters: { resource: resource.value, operation: operation.value, ...idParameters(operation.ids) },
	ids: operation.ids,
}));

const CUSTOMER_GET = { resource: 'customer', operation: 'get', ...idParameters(['customerId']) };
const PROFILE_GET = { resource: 'paymentProfile', operation: 'get', ...idParameters(['customerId', 'paymentProfileId']) };
const SUBSCRIPTION_GET = { resource: 'subscription', operation: 'get', ...idParameters(['subscriptionId']) };

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
		const result = await run(CUSTOMER_GET, [{ customerId: ['a', 'b'] }, { customerId: { id: 'a' } }, { customerId: true }]);
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
		const result = await run(PROFILE_GET, [{ customerId: '   ', paymentProfileId: 778899 }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', customerId: '   ', paymentProfileId: 778899 });
	});

	it('an id that was sent and failed is the untrimmed one too; a success carries the id sent', async () => {
		const known = sandbox().addSubscription({});
		const result = await run(SUBSCRIPTION_GET, [{ subscriptionId: ' nope ' }, { subscriptionId: ` ${known.id} ` }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'resource_not_found', subscriptionId: ' nope ', attempts: 1 });
		expect(result.success[0].json).toMatchObject({ subscriptionId: known.id });
	});
});
