import type { INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runListSearch } from '../harness/listSearch';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

/** The dropdown of a resource locator, as n8n's editor backend calls it. */
function pick(method: string, parameters: INodeParameters, filter?: string, paginationToken?: string, token?: string) {
	return runListSearch({
		nodeType: new MercadoPago(),
		method,
		parameters: { resource: 'paymentProfile', operation: 'cancel', ...parameters },
		credentials: { mercadoPagoApi: { accessToken: token ?? sandbox().token, baseUrl: sandbox().url } },
		credentialTypes: [new MercadoPagoApi()],
		filter,
		paginationToken,
	});
}

describe('Customer picker (searchCustomers)', () => {
	it('searches by the email typed and shows email and name, with the ID as value', async () => {
		const ana = sandbox().addCustomer({ email: 'ana@example.com', first_name: 'Ana', last_name: 'Pérez' });
		sandbox().addCustomer({ email: 'bruno@example.com' });
		const result = await pick('searchCustomers', {}, ' Ana@Example.com ');
		expect(result).toEqual({ results: [{ name: 'ana@example.com (Ana Pérez)', value: ana.id }], paginationToken: undefined });
		expect(new URLSearchParams(sandbox().requests[0].rawQuery).get('email')).toBe('Ana@Example.com');
	});

	it('an empty search box lists nobody: it asks for the whole email and sends nothing', async () => {
		sandbox().seed(3, 0);
		for (const typed of [undefined, '', '   ']) {
			expect(await pick('searchCustomers', {}, typed)).toEqual({ results: [{ name: "Type the customer's whole email to search", value: '' }] });
		}
		expect(sandbox().requests).toEqual([]);
	});

	it('what is not a whole address is not sent, and the hint says what is wrong with it', async () => {
		expect(await pick('searchCustomers', {}, 'ana')).toEqual({
			results: [{ name: '"ana" is not an email address (no @): Mercado Pago matches whole addresses only', value: '' }],
		});
		expect(sandbox().requests).toEqual([]);
	});

	it('many customers with one email come one page at a time as the list scrolls', async () => {
		const customers = Array.from({ length: 130 }, () => sandbox().addCustomer({ email: 'shared@example.com' }));
		const first = await pick('searchCustomers', {}, 'shared@example.com');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await pick('searchCustomers', {}, 'shared@example.com', first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(customers.map((c) => c.id));
	});

	it('an email nobody has names what was typed: Mercado Pago matches no part of an address', async () => {
		expect(await pick('searchCustomers', {}, ' ana@exam ')).toEqual({
			results: [{ name: 'No customer found for "ana@exam": Mercado Pago matches the whole address only', value: '' }],
		});
	});

	it('a Mercado Pago error is retried once, then shown with advice for a read', async () => {
		sandbox().inject({ kind: 'status', status: 500, times: 5 });
		await expect(pick('searchCustomers', {}, 'ana@example.com')).rejects.toMatchObject({
			message: 'Mercado Pago had an internal error and the retries ran out',
			description: expect.stringMatching(/reading changes nothing/),
		});
		expect(sandbox().requests).toHaveLength(2);
	});

	it('a rejected token shows the same message and advice as an error item', async () => {
		await expect(pick('searchCustomers', {}, 'ana@example.com', undefined, 'APP_USR-wrong')).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'The access token was rejected',
			description: 'Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
			httpCode: '401',
		});
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('Payment profile picker (listPaymentProfiles)', () => {
	function seedAna() {
		const ana = sandbox().addCustomer({ email: 'ana@example.com' });
		const gym = sandbox().addProfile(ana.id, { description: 'Gym monthly' });
		const old = sandbox().addProfile(ana.id, { description: 'Old magazine', status: 'CANCELLED' });
		const trial = sandbox().addProfile(ana.id, { description: 'Trial', status: 'PENDING' });
		sandbox().addProfile(sandbox().addCustomer({}).id, { description: 'Someone else' });
		return { ana, gym, old, trial };
	}

	it("lists the chosen customer's profiles with description and status; cancelled ones are marked", async () => {
		const { ana, gym, old, trial } = seedAna();
		const result = await pick('listPaymentProfiles', { customerId: { __rl: true, mode: 'list', value: ana.id } });
		expect(result.results).toEqual([
			{ name: 'Gym monthly (READY)', value: gym.id, description: `ID ${gym.id}` },
			{ name: '✕ Old magazine (CANCELLED)', value: old.id, description: `ID ${old.id}` },
			{ name: 'Trial (PENDING)', value: trial.id, description: `ID ${trial.id}` },
		]);
		expect(sandbox().requests[0].pathSegments).toEqual(['v1', 'customers', ana.id, 'payment-profiles']);
	});

	it('the customer may be given by ID, and what is typed filters by description, status or ID', async () => {
		const { ana, gym, old } = seedAna();
		const parameters = { customerId: { __rl: true, mode: 'id', value: ana.id } };
		expect((await pick('listPaymentProfiles', parameters, 'gym')).results.map((r) => r.value)).toEqual([gym.id]);
		expect((await pick('listPaymentProfiles', parameters, 'cancelled')).results.map((r) => r.value)).toEqual([old.id]);
		expect((await pick('listPaymentProfiles', parameters, old.id)).results.map((r) => r.value)).toEqual([old.id]);
	});

	it.each([
		['no customer', {}],
		['an empty customer', { customerId: { __rl: true, mode: 'list', value: '' } }],
		['an expression that needs input data', { customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' } }],
	])('with %s it asks for a customer first and sends nothing', async (_label, parameters) => {
		await expect(pick('listPaymentProfiles', parameters)).rejects.toMatchObject({ message: 'Choose a customer first' });
		expect(sandbox().requests).toHaveLength(0);
	});

	it('an unknown customer shows resource_not_found', async () => {
		await expect(
			pick('listPaymentProfiles', { customerId: { __rl: true, mode: 'id', value: 'nobody' } }),
		).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'The customer was not found' });
	});
});
