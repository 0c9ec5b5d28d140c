import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { pagesAsked } from './fixtures';

const sandbox = useSandbox();

const SEARCH_FROM_ROWS = { resource: 'customer', operation: 'search', email: '={{ $json.email }}' };
const GET_FROM_ROWS = { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' } };

describe('Customer > Search', () => {
	it('finds the customers of each input email, each paired with its input item', async () => {
		const ana = sandbox().addCustomer({ email: 'ana@example.com', first_name: 'Ana' });
		const bruno = sandbox().addCustomer({ email: 'bruno@example.com' });
		sandbox().addCustomer({ email: 'carla@example.com' });
		const result = await runOperation(sandbox(), {
			parameters: SEARCH_FROM_ROWS,
			items: [{ email: ' ana@example.com ' }, { email: 'bruno@example.com' }],
			onError: 'continueErrorOutput',
		});

		expect(result.error).toEqual([]);
		expect(result.success.map((i) => [i.json.id, i.pairedItem])).toEqual([
			[ana.id, { item: 0 }],
			[bruno.id, { item: 1 }],
		]);
		expect(result.success[0].json).toMatchObject({ email: 'ana@example.com', first_name: 'Ana' });
		expect(sandbox().requests[0]).toMatchObject({ method: 'GET', rawPath: '/v1/customers/search', idempotencyKey: undefined });
		expect(pagesAsked(sandbox())[0]).toEqual({ email: 'ana@example.com', limit: '50', offset: '0' });
	});

	it('an email nobody has gives no items and no error', async () => {
		sandbox().addCustomer({ email: 'ana@example.com' });
		const result = await runOperation(sandbox(), {
			parameters: SEARCH_FROM_ROWS,
			items: [{ email: 'nobody@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error).toEqual([]);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('Return All follows the pages to the end, 100 at a time', async () => {
		for (let i = 0; i < 230; i++) sandbox().addCustomer({ email: 'shared@example.com' });
		const result = await runOperation(sandbox(), {
			parameters: { ...SEARCH_FROM_ROWS, returnAll: true },
			items: [{ email: 'shared@example.com' }],
		});
		expect(result.success).toHaveLength(230);
		expect(new Set(result.success.map((i) => i.json.id)).size).toBe(230);
		expect(pagesAsked(sandbox()).map(({ limit, offset }) => [limit, offset])).toEqual([
			['100', '0'],
			['100', '100'],
			['100', '200'],
		]);
	});

	it('a limit stops after that many results, asking only for what is missing', async () => {
		for (let i = 0; i < 230; i++) sandbox().addCustomer({ email: 'shared@example.com' });
		const result = await runOperation(sandbox(), {
			parameters: { ...SEARCH_FROM_ROWS, returnAll: false, limit: 120 },
			items: [{ email: 'shared@example.com' }],
		});
		expect(result.success).toHaveLength(120);
		expect(pagesAsked(sandbox()).map(({ limit, offset }) => [limit, offset])).toEqual([
			['100', '0'],
			['20', '100'],
		]);
	});

	it('an empty email fails that item with invalid_input and sends nothing', async () => {
		const result = await runOperation(sandbox(), {
			parameters: SEARCH_FROM_ROWS,
			items: [{ email: '   ' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({
			code: 'invalid_input',
			attempts: 0,
			email: '   ',
			message: 'The input of this item is not valid, so nothing was sent: Email is empty',
		});
		expect(sandbox().requests).toHaveLength(0);
	});

	it('a failure on a later page fails the item, counting every request sent', async () => {
		for (let i = 0; i < 150; i++) sandbox().addCustomer({ email: 'shared@example.com' });
		// Faults are used in the order queued: the first page passes (a harmless 'slow'), the next ones fail.
		sandbox().inject({ kind: 'slow', ms: 0, match: { route: 'search' } });
		sandbox().inject({ kind: 'status', status: 500, body: { error: 'internal_server_error' }, times: 5, match: { route: 'search' } });
		const result = await runOperation(sandbox(), {
			parameters: { ...SEARCH_FROM_ROWS, returnAll: true },
			items: [{ email: 'shared@example.com' }],
			options: { maxRetries: 1 },
			onError: 'continueErrorOutput',
		});
		expect(result.success).toEqual([]);
		expect(result.error[0].json.error).toMatchObject({
			code: 'internal_server_error',
			httpStatus: 500,
			retryable: true,
			email: 'shared@example.com',
			attempts: 3,
		});
	});
});

describe('Customer > Get', () => {
	it('returns the customer, picked from the list or given by ID', async () => {
		const ana = sandbox().addCustomer({ email: 'ana@example.com' });
		const picked = await runOperation(sandbox(), {
			parameters: { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'list', value: ana.id } },
			items: [{}],
		});
		const byId = await runOperation(sandbox(), { parameters: GET_FROM_ROWS, items: [{ customerId: ` ${ana.id} ` }] });
		for (const result of [picked, byId]) {
			expect(result.success).toHaveLength(1);
			expect(result.success[0].json).toEqual(ana);
		}
		expect(sandbox().requests.map((r) => r.pathSegments)).toEqual([
			['v1', 'customers', ana.id],
			['v1', 'customers', ana.id],
		]);
	});

	it('an unknown customer is resource_not_found, worded for a customer', async () => {
		const result = await runOperation(sandbox(), {
			parameters: GET_FROM_ROWS,
			items: [{ customerId: 'nobody' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({
			code: 'resource_not_found',
			httpStatus: 404,
			message: 'The customer was not found',
			retryable: false,
			customerId: 'nobody',
			attempts: 1,
		});
	});

	it('the ID "search" is refused: it would reach the search endpoint', async () => {
		const result = await runOperation(sandbox(), {
			parameters: GET_FROM_ROWS,
			items: [{ customerId: 'search' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_input', customerId: 'search', attempts: 0 });
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Customer: errors every read can meet', () => {
	const operations = [
		{ name: 'Search', parameters: SEARCH_FROM_ROWS, item: () => ({ email: 'ana@example.com' }) },
		{ name: 'Get', parameters: GET_FROM_ROWS, item: () => ({ customerId: sandbox().addCustomer({}).id }) },
	];
	const faults = [
		{ code: 'unauthorized_access_token', httpStatus: 401, retryable: false, token: 'APP_USR-wrong', attempts: 1 },
		{
			code: 'header_missing',
			httpStatus: 401,
			retryable: false,
			fault: { kind: 'status' as const, status: 401, body: { error: 'header_missing', status: 401 } },
			attempts: 1,
		},
		{ code: 'too_many_requests', httpStatus: 429, retryable: true, fault: { kind: 'status' as const, status: 429, retryAfter: 0, times: 5 }, attempts: 1 },
		{ code: 'internal_server_error', httpStatus: 500, retryable: true, fault: { kind: 'status' as const, status: 500, times: 5 }, attempts: 2 },
		{ code: 'network_error', httpStatus: null, retryable: true, fault: { kind: 'reset' as const, times: 5 }, attempts: 2 },
	];
	const cases = operations.flatMap((op) => faults.map((f) => ({ ...f, op: op.name, run: op })));

	it.each(cases)('$op: $code reaches the error output with advice for a read', async ({ run, code, httpStatus, retryable, token, fault, attempts }) => {
		const item = run.item();
		if (fault) sandbox().inject(fault);
		const result = await runOperation(sandbox(), {
			parameters: run.parameters,
			items: [item],
			// A 429 spends no retry: the Rate Limit Wait of 0 ends the item at the first.
			options: { maxRetries: 1, rateLimitWait: 0 },
			onError: 'continueErrorOutput',
			token,
		});
		expect(result.error).toHaveLength(1);
		const error = result.error[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code, httpStatus, message: expect.any(String), retryable, attempts, ...item });
		expect(error.description).not.toMatch(/idempotency|cancellation/i);
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});

	it('a timeout is retried, then reported', async () => {
		sandbox().inject({ kind: 'hang', times: 5 });
		const result = await runOperation(sandbox(), {
			parameters: SEARCH_FROM_ROWS,
			items: [{ email: 'ana@example.com' }],
			options: { timeout: 150, maxRetries: 1 },
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({ code: 'timeout', httpStatus: null, retryable: true, attempts: 2 });
	});

	it('with the default On Error (stop) the run fails naming the item', async () => {
		const result = await runOperation(sandbox(), { parameters: GET_FROM_ROWS, items: [{ customerId: 'nobody' }] });
		expect(result.status).toBe('error');
		expect(result.executionError).toMatchObject({ name: 'NodeApiError', message: 'The customer was not found', httpCode: '404', itemIndex: 0 });
	});
});
