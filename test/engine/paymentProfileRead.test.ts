import { runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { PROFILE_ERROR_CASES, pagesAsked, profileWith } from './fixtures';

const sandbox = useSandbox();

const byId = (expression: string) => ({ __rl: true, mode: 'id', value: expression });
const GET_FROM_ROWS = {
	resource: 'paymentProfile',
	operation: 'get',
	customerId: byId('={{ $json.customerId }}'),
	paymentProfileId: byId('={{ $json.paymentProfileId }}'),
};
const GET_MANY_FROM_ROWS = { resource: 'paymentProfile', operation: 'getAll', customerId: byId('={{ $json.customerId }}') };

describe('Payment Profile > Get', () => {
	it("returns the profile as Mercado Pago sends it, plus the customer's ID", async () => {
		const customer = sandbox().addCustomer({});
		const profile = sandbox().addProfile(customer.id, { status: 'PENDING', description: 'Gym monthly' });
		const result = await runOperation(sandbox(), {
			parameters: GET_FROM_ROWS,
			items: [{ customerId: customer.id, paymentProfileId: Number(profile.id) }],
		});
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json).toEqual({ ...profile, customer_id: customer.id, customerId: customer.id, paymentProfileId: profile.id });
		expect(sandbox().requests[0]).toMatchObject({
			method: 'GET',
			pathSegments: ['v1', 'customers', customer.id, 'payment-profiles', profile.id],
			idempotencyKey: undefined,
		});
	});

	// What a person reads for each code, written out: the catalogue's words for a read of a profile.
	const expected: Record<string, { httpStatus: number; message: string; description: string }> = {
		resource_not_found: {
			httpStatus: 404,
			message: 'The payment profile was not found',
			description: 'Check the IDs of this item, and that the payment profile belongs to the account of the access token.',
		},
		customer_id_mismatch: {
			httpStatus: 400,
			message: 'The payment profile does not belong to this customer',
			description: 'The customer ID sent does not match the payment profile. Check that both IDs come from the same customer and try again.',
		},
		caller_id_mismatch: {
			httpStatus: 400,
			message: 'The payment profile does not belong to this Mercado Pago account',
			description:
				'The caller ID (the account that owns the access token) does not match the payment profile. Use the credential of the account that created it.',
		},
		site_id_mismatch: {
			httpStatus: 400,
			message: 'The payment profile belongs to another Mercado Pago site (country)',
			description: "The account's site ID does not match the payment profile. Use a credential of the same country as the payment profile.",
		},
		unauthorized_access_token: {
			httpStatus: 401,
			message: 'The access token was rejected',
			description: 'Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
		},
	};

	it.each(PROFILE_ERROR_CASES)('$code reaches the error output with its code and both IDs', async ({ code, make, token }) => {
		const row = make(sandbox());
		const result = await runOperation(sandbox(), { parameters: GET_FROM_ROWS, items: [row], onError: 'continueErrorOutput', token });
		expect(result.success).toEqual([]);
		expect(result.error[0].json.error).toMatchObject({
			code,
			...expected[code],
			retryable: false,
			...row,
			attempts: 1,
			response: expect.any(Object),
		});
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['unknown_error_occurred', 400, 1],
		['internal_server_error', 500, 2],
	])('%s (HTTP %d) reaches the error output, retried only when retryable', async (code, status, attempts) => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'errorShape', status, shape: 'classic', code, times: 5 });
		const result = await runOperation(sandbox(), {
			parameters: GET_FROM_ROWS,
			items: [row],
			options: { maxRetries: 1 },
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({ code, httpStatus: status, attempts });
		expect((result.error[0].json.error as { description: string }).description).not.toMatch(/idempotency/i);
	});

	it('an empty payment profile ID fails that item with invalid_input and sends nothing', async () => {
		const result = await runOperation(sandbox(), {
			parameters: GET_FROM_ROWS,
			items: [{ customerId: 'c', paymentProfileId: ' ' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_input', customerId: 'c', paymentProfileId: ' ', attempts: 0 });
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Payment Profile > Get Many', () => {
	it("lists a customer's profiles, each with the customer's ID, paired with its input item", async () => {
		const ana = sandbox().addCustomer({});
		const bruno = sandbox().addCustomer({});
		const anas = [sandbox().addProfile(ana.id, {}), sandbox().addProfile(ana.id, { status: 'CANCELLED' })];
		const brunos = [sandbox().addProfile(bruno.id, {})];
		const result = await runOperation(sandbox(), {
			parameters: GET_MANY_FROM_ROWS,
			items: [{ customerId: ana.id }, { customerId: bruno.id }],
		});
		expect(result.success.map((i) => [i.json.id, i.json.customer_id, i.pairedItem])).toEqual([
			[anas[0].id, ana.id, { item: 0 }],
			[anas[1].id, ana.id, { item: 0 }],
			[brunos[0].id, bruno.id, { item: 1 }],
		]);
		expect(result.success[1].json).toMatchObject({ status: 'CANCELLED', payment_methods: anas[1].payment_methods });
		expect(pagesAsked(sandbox())[0]).toEqual({ limit: '50', offset: '0' });
	});

	it('the status filter is sent to Mercado Pago and only those profiles come back', async () => {
		const customer = sandbox().addCustomer({});
		sandbox().addProfile(customer.id, {});
		const cancelled = sandbox().addProfile(customer.id, { status: 'CANCELLED' });
		const result = await runOperation(sandbox(), {
			parameters: { ...GET_MANY_FROM_ROWS, filters: { status: 'CANCELLED' } },
			items: [{ customerId: customer.id }],
		});
		expect(result.success.map((i) => i.json.id)).toEqual([cancelled.id]);
		expect(pagesAsked(sandbox())[0]).toMatchObject({ status: 'CANCELLED' });
	});

	it('Return All follows the pages; a limit asks only for what it needs', async () => {
		const customer = sandbox().addCustomer({});
		for (let i = 0; i < 205; i++) sandbox().addProfile(customer.id, {});
		const all = await runOperation(sandbox(), {
			parameters: { ...GET_MANY_FROM_ROWS, returnAll: true },
			items: [{ customerId: customer.id }],
		});
		expect(all.success).toHaveLength(205);
		expect(new Set(all.success.map((i) => i.json.id)).size).toBe(205);
		expect(pagesAsked(sandbox()).map(({ limit, offset }) => [limit, offset])).toEqual([
			['100', '0'],
			['100', '100'],
			['100', '200'],
		]);

		sandbox().requests.length = 0;
		const five = await runOperation(sandbox(), {
			parameters: { ...GET_MANY_FROM_ROWS, returnAll: false, limit: 5 },
			items: [{ customerId: customer.id }],
		});
		expect(five.success).toHaveLength(5);
		expect(pagesAsked(sandbox()).map(({ limit, offset }) => [limit, offset])).toEqual([['5', '0']]);
	});

	it('pages shorter than asked are followed on until the total Mercado Pago reports', async () => {
		const customer = sandbox().addCustomer({});
		const [a, b, c] = [1, 2, 3].map(() => sandbox().addProfile(customer.id, {}));
		const short = (offset: number, data: unknown[]) => ({
			kind: 'status' as const,
			status: 200,
			body: { paging: { total: 3, total_pages: 3, offset, limit: 1 }, data },
			match: { route: 'list' as const },
		});
		sandbox().inject(short(0, [a]));
		sandbox().inject(short(1, [b]));
		sandbox().inject(short(2, [c]));
		const result = await runOperation(sandbox(), {
			parameters: { ...GET_MANY_FROM_ROWS, returnAll: true },
			items: [{ customerId: customer.id }],
		});
		expect(result.success.map((i) => i.json.id)).toEqual([a.id, b.id, c.id]);
		expect(pagesAsked(sandbox()).map(({ offset }) => offset)).toEqual(['0', '1', '2']);
	});

	it('a customer without profiles gives no items and no error', async () => {
		const customer = sandbox().addCustomer({});
		const result = await runOperation(sandbox(), {
			parameters: GET_MANY_FROM_ROWS,
			items: [{ customerId: customer.id }],
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error).toEqual([]);
	});

	it('an unknown customer is resource_not_found, worded for a customer', async () => {
		const result = await runOperation(sandbox(), {
			parameters: GET_MANY_FROM_ROWS,
			items: [{ customerId: 'nobody' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({
			code: 'resource_not_found',
			message: 'The customer was not found',
			customerId: 'nobody',
			status: null,
			attempts: 1,
		});
	});

	it('a failure on a later page fails the item, counting every request sent', async () => {
		const customer = sandbox().addCustomer({});
		for (let i = 0; i < 150; i++) sandbox().addProfile(customer.id, {});
		// Faults are used in the order queued: the first page passes (a harmless 'slow'), the next ones fail.
		sandbox().inject({ kind: 'slow', ms: 0, match: { route: 'list' } });
		sandbox().inject({ kind: 'status', status: 429, retryAfter: 0, times: 5, match: { route: 'list' } });
		const result = await runOperation(sandbox(), {
			parameters: { ...GET_MANY_FROM_ROWS, returnAll: true },
			items: [{ customerId: customer.id }],
			options: { maxRetries: 1, rateLimitWait: 0 },
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error[0].json.error).toMatchObject({ code: 'too_many_requests', retryable: true, attempts: 2 });
	});
});

describe('From an email to a cancelled profile, inside n8n', () => {
	it("Search finds the customer, Get Many lists the READY profiles, Cancel ends them with the IDs from $json", async () => {
		const ana = sandbox().addCustomer({ email: 'ana@example.com' });
		const ready = [sandbox().addProfile(ana.id, {}), sandbox().addProfile(ana.id, {})];
		const pending = sandbox().addProfile(ana.id, { status: 'PENDING' });

		const found = await runOperation(sandbox(), {
			parameters: { resource: 'customer', operation: 'search', email: '={{ $json.email }}' },
			items: [{ email: 'ana@example.com' }],
		});
		const profiles = await runOperation(sandbox(), {
			parameters: { resource: 'paymentProfile', operation: 'getAll', customerId: byId('={{ $json.id }}'), filters: { status: 'READY' } },
			items: found.success.map((i) => i.json),
		});
		const cancelled = await runCancel(sandbox(), {
			parameters: { customerId: byId('={{ $json.customer_id }}'), paymentProfileId: byId('={{ $json.id }}') },
			items: profiles.success.map((i) => i.json),
		});

		expect(cancelled.success.map((i) => i.json)).toEqual(
			ready.map((p) => expect.objectContaining({ success: true, customerId: ana.id, paymentProfileId: p.id })),
		);
		for (const p of ready) expect(sandbox().getProfile(ana.id, p.id)?.status).toBe('CANCELLED');
		expect(sandbox().getProfile(ana.id, pending.id)?.status).toBe('PENDING');
	});
});
