import { everything, runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { PROFILE_ERROR_CASES, profileWith, seedProfiles, type ProfileErrorCase } from './fixtures';

const sandbox = useSandbox();

describe('Cancel: success', () => {
	it('cancels a profile and returns the interface fields, paired with its input', async () => {
		const rows = seedProfiles(sandbox(), 1);
		const result = await runCancel(sandbox(), { items: rows, onError: 'continueErrorOutput' });

		expect(result.error).toEqual([]);
		expect(result.success).toHaveLength(1);
		const [item] = result.success;
		expect(item.json).toMatchObject({
			success: true,
			customerId: rows[0].customerId,
			paymentProfileId: rows[0].paymentProfileId,
			idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
			attempts: 1,
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(sandbox().getProfile(rows[0].customerId, rows[0].paymentProfileId)?.status).toBe('CANCELLED');
		expect(sandbox().cancelCount(rows[0].customerId, rows[0].paymentProfileId)).toBe(1);
	});

	it('resolves expressions per item from the input rows and keeps input order', async () => {
		const rows = seedProfiles(sandbox(), 12);
		sandbox().latencyMs = 5;
		const result = await runCancel(sandbox(), { items: rows, options: { concurrency: 4 } });

		expect(result.success.map((i) => i.json.paymentProfileId)).toEqual(rows.map((r) => r.paymentProfileId));
		expect(result.success.map((i) => i.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		for (const row of rows) expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
	});

	it('trims ids and accepts numbers', async () => {
		const customer = sandbox().addCustomer({});
		const profile = sandbox().addProfile(customer.id, { id: '778899' });
		const result = await runCancel(sandbox(), {
			items: [{ customerId: `  ${customer.id}\t`, paymentProfileId: 778899 }],
		});
		expect(result.success[0].json).toMatchObject({ customerId: customer.id, paymentProfileId: '778899' });
		expect(sandbox().getProfile(customer.id, profile.id)?.status).toBe('CANCELLED');
	});
});

describe('Cancel: errors', () => {
	// Each documented code, provoked the way Mercado Pago would answer it.
	const cases: ProfileErrorCase[] = [
		...PROFILE_ERROR_CASES,
		{ code: 'unknown_error_occurred', make: (s) => profileWith(s, { failWith: 'unknown_error_occurred' }) },
		{ code: 'internal_server_error', make: (s) => profileWith(s, { failWith: 'internal_server_error' }) },
	];

	// What a person reads for each code, written out: the catalogue's words in a cancellation's nouns.
	const expected: Record<string, { httpStatus: number; retryable: boolean; message: string; description: string }> = {
		resource_not_found: {
			httpStatus: 404,
			retryable: false,
			message: 'The payment profile was not found',
			description: 'Check the IDs of this item, and that the payment profile belongs to the account of the access token.',
		},
		customer_id_mismatch: {
			httpStatus: 400,
			retryable: false,
			message: 'The payment profile does not belong to this customer',
			description: 'The customer ID sent does not match the payment profile. Check that both IDs come from the same customer and try again.',
		},
		caller_id_mismatch: {
			httpStatus: 400,
			retryable: false,
			message: 'The payment profile does not belong to this Mercado Pago account',
			description:
				'The caller ID (the account that owns the access token) does not match the payment profile. Use the credential of the account that created it.',
		},
		site_id_mismatch: {
			httpStatus: 400,
			retryable: false,
			message: 'The payment profile belongs to another Mercado Pago site (country)',
			description: "The account's site ID does not match the payment profile. Use a credential of the same country as the payment profile.",
		},
		unauthorized_access_token: {
			httpStatus: 401,
			retryable: false,
			message: 'The access token was rejected',
			description: 'Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
		},
		unknown_error_occurred: {
			httpStatus: 400,
			retryable: false,
			message: 'Mercado Pago reported an unknown error',
			description: 'Contact Mercado Pago support with the idempotency key and the IDs of this item.',
		},
		internal_server_error: {
			httpStatus: 500,
			retryable: true,
			message: 'Mercado Pago had an internal error and the retries ran out',
			description:
				'Try again later. Re-running is safe: the idempotency key stays the same. If it persists, contact Mercado Pago support with the idempotency key.',
		},
	};

	it.each(cases)('$code reaches the error output with its code', async ({ code, make, token }) => {
		const row = make(sandbox());
		const result = await runCancel(sandbox(), {
			items: [row],
			onError: 'continueErrorOutput',
			options: { maxRetries: 1 },
			token,
		});

		expect(result.success).toEqual([]);
		expect(result.error).toHaveLength(1);
		const error = result.error[0].json.error as Record<string, unknown>;
		const entry = expected[code];
		expect(error).toMatchObject({
			code,
			...entry,
			customerId: row.customerId,
			paymentProfileId: row.paymentProfileId,
			idempotencyKey: expect.any(String),
			// A retryable code is tried twice; any other 400 is followed by a read of the profile (already cancelled?).
			attempts: entry.retryable || code === 'unknown_error_occurred' ? 2 : 1,
		});
		expect(error.response).toBeDefined();
		expect(result.error[0].pairedItem).toEqual({ item: 0 });
	});

	it('header_missing (a proxy that drops the header) reaches the error output', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'status', status: 401, body: { message: 'header missing', error: 'header_missing', status: 401, cause: [] } });
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect((result.error[0].json.error as { code: string }).code).toBe('header_missing');
	});

	it('too_many_requests once the Rate Limit Wait runs out', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests', status: 429 }, times: 10 });
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput', options: { maxRetries: 2, rateLimitWait: 0 } });
		expect(result.error[0].json.error).toMatchObject({ code: 'too_many_requests', httpStatus: 429, retryable: true, attempts: 1 });
	});

	it('a failed item fails alone: the others still succeed, each item exactly once', async () => {
		const rows = seedProfiles(sandbox(), 3);
		rows[1] = { ...rows[1], paymentProfileId: 'nope' };
		const result = await runCancel(sandbox(), { items: rows, onError: 'continueErrorOutput' });
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.error.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		// n8n merges the input row into the error item; `error` is ours.
		expect(result.error[0].json).toMatchObject({ paymentProfileId: 'nope', error: { code: 'resource_not_found' } });
	});

	it('"Continue (regular output)" puts the same error items on output 0, in order', async () => {
		const rows = seedProfiles(sandbox(), 2);
		rows[0] = { ...rows[0], paymentProfileId: 'nope' };
		const result = await runCancel(sandbox(), { items: rows, onError: 'continueRegularOutput' });
		expect(result.error).toEqual([]);
		expect(result.success).toHaveLength(2);
		expect(result.success[0].json.error).toMatchObject({ code: 'resource_not_found', httpStatus: 404 });
		expect(result.success[1].json).toMatchObject({ success: true });
	});

	it('the default (stop) fails the run with a NodeApiError naming the item', async () => {
		const rows = seedProfiles(sandbox(), 3);
		rows[2] = { ...rows[2], paymentProfileId: 'nope' };
		const result = await runCancel(sandbox(), { items: rows, options: { concurrency: 1 } });
		expect(result.status).toBe('error');
		expect(result.executionError).toMatchObject({
			name: 'NodeApiError',
			message: 'The payment profile was not found',
			description: expect.stringContaining('Check the IDs of this item, and that the payment profile belongs to the account of the access token.'),
			httpCode: '404',
			itemIndex: 2,
		});
	});

	it('the default (stop) fails with a NodeOperationError for input that was never sent', async () => {
		const rows = seedProfiles(sandbox(), 1);
		const result = await runCancel(sandbox(), { items: [rows[0], { customerId: '..', paymentProfileId: 'x' }] });
		expect(result.executionError).toMatchObject({ name: 'NodeOperationError', itemIndex: 1 });
		expect(result.executionError?.message).toContain('Customer ID cannot be ".."');
	});

	it.each([
		['empty customer', { customerId: '  ', paymentProfileId: 'p' }],
		['dot profile', { customerId: 'c', paymentProfileId: '.' }],
		['dot-dot customer', { customerId: '..', paymentProfileId: 'p' }],
		['control character', { customerId: 'c\u0007', paymentProfileId: 'p' }],
		['missing field', { customerId: 'c' }],
	])('invalid_input (%s): the item fails and nothing is sent', async (_label, row) => {
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_input', httpStatus: null, attempts: 0, retryable: false });
		expect(sandbox().requests).toHaveLength(0);
	});

	it('timeout: a hanging answer is retried with the same key, then reported', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'hang', times: 5 });
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput', options: { timeout: 150, maxRetries: 1 } });
		expect(result.error[0].json.error).toMatchObject({ code: 'timeout', httpStatus: null, retryable: true, attempts: 2 });
		expect(new Set(sandbox().keysFor(row.customerId, row.paymentProfileId)).size).toBe(1);
	});

	it('network_error: a dropped connection is retried, then reported', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'reset', times: 5 });
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput', options: { maxRetries: 1 } });
		expect(result.error[0].json.error).toMatchObject({ code: 'network_error', httpStatus: null, attempts: 2 });
	});

	it('a cancel applied but whose answer was lost is retried with the same key and confirmed once', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'applyThenReset' });
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect(result.success[0].json).toMatchObject({ success: true, attempts: 2 });
		expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
		expect(new Set(sandbox().keysFor(row.customerId, row.paymentProfileId)).size).toBe(1);
	});

	it('429 with Retry-After is waited out and retried with the same key', async () => {
		const row = profileWith(sandbox(), {});
		sandbox().inject({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } });
		const waited = sandbox().waitedAfter(1, 500);
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect(await waited).toBe(true);
		expect(result.success[0].json).toMatchObject({ success: true, attempts: 2 });
		const keys = keysSent(row);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
	});
});

describe('Cancel: idempotency keys', () => {
	it('deterministic (default): the same key in two runs, and the second run acts on nothing twice', async () => {
		const rows = seedProfiles(sandbox(), 3);
		const first = await runCancel(sandbox(), { items: rows });
		const second = await runCancel(sandbox(), { items: rows });

		const keys = (r: typeof first) => r.success.map((i) => i.json.idempotencyKey);
		expect(keys(second)).toEqual(keys(first));
		expect(new Set(keys(first)).size).toBe(3);
		for (const row of rows) expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
		expect(second.success.every((i) => i.json.success === true)).toBe(true);
	});

	it('random: different keys across runs, the same key across one item\'s retries', async () => {
		const rows = seedProfiles(sandbox(), 1);
		const [row] = rows;
		sandbox().inject({ kind: 'status', status: 500, body: { error: 'internal_server_error' }, times: 2 });
		const first = await runCancel(sandbox(), { items: rows, parameters: { idempotencyKeyMode: 'random' } });
		const second = await runCancel(sandbox(), { items: rows, parameters: { idempotencyKeyMode: 'random' } });

		const firstKey = first.success[0].json.idempotencyKey;
		expect(first.success[0].json.attempts).toBe(3);
		expect(keysSent(row)).toEqual([firstKey, firstKey, firstKey, second.success[0].json.idempotencyKey]);
		expect(second.success[0].json.idempotencyKey).not.toBe(first.success[0].json.idempotencyKey);
	});

	it('random: n8n\'s "Retry On Fail" re-run reuses the keys of the execution', async () => {
		const rows = seedProfiles(sandbox(), 2);
		// Item 0 fails on the node's first run (no retries of our own), so n8n re-runs the whole node.
		sandbox().inject({ kind: 'status', status: 500, body: { error: 'internal_server_error' }, match: { paymentProfileId: rows[0].paymentProfileId } });
		const result = await runCancel(sandbox(), {
			items: rows,
			parameters: { idempotencyKeyMode: 'random' },
			options: { maxRetries: 0 },
			onError: 'continueErrorOutput',
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 1,
		});
		expect(result.runs).toBe(2);
		expect(result.success).toHaveLength(2);
		for (const row of rows) {
			expect(new Set(sandbox().keysFor(row.customerId, row.paymentProfileId)).size).toBe(1);
			expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
		}
	});

	it('custom: the expression\'s value is sent as the key', async () => {
		const rows = seedProfiles(sandbox(), 1);
		const result = await runCancel(sandbox(), {
			items: [{ ...rows[0], ticket: 'TICKET-42' }],
			parameters: { idempotencyKeyMode: 'custom', idempotencyKey: '=cancel-{{ $json.ticket }}' },
		});
		expect(result.success[0].json.idempotencyKey).toBe('cancel-TICKET-42');
		expect(sandbox().keysFor(rows[0].customerId, rows[0].paymentProfileId)).toEqual(['cancel-TICKET-42']);
	});

	it.each([
		['empty', ''],
		['too long', 'k'.repeat(65)],
		['with a space', 'my key'],
		['non-ASCII', 'clé'],
	])('custom %s: that item fails with invalid_input and nothing is sent', async (_label, bad) => {
		const rows = seedProfiles(sandbox(), 2);
		const items = [{ ...rows[0], key: bad }, { ...rows[1], key: 'good-key' }];
		const result = await runCancel(sandbox(), {
			items,
			parameters: { idempotencyKeyMode: 'custom', idempotencyKey: '={{ $json.key }}' },
			onError: 'continueErrorOutput',
		});
		expect(result.error.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_input', attempts: 0, idempotencyKey: null });
		expect(sandbox().keysFor(rows[0].customerId, rows[0].paymentProfileId)).toEqual([]);
		expect(sandbox().requests).toHaveLength(1);
		expect(result.success[0].json).toMatchObject({ success: true, idempotencyKey: 'good-key' });
	});
});

describe('Cancel: ids stay inside their path segment', () => {
	it.each(['a/b', '../x', 'x?admin=1', 'x#frag', 'x%2Fy', 'x/../../users/me', '...'])('%j', async (id) => {
		const customer = sandbox().addCustomer({ id: `cus-${id}` });
		sandbox().addProfile(customer.id, { id });
		const result = await runCancel(sandbox(), { items: [{ customerId: customer.id, paymentProfileId: id }], onError: 'continueErrorOutput' });

		expect(result.success[0]?.json).toMatchObject({ success: true, paymentProfileId: id });
		const [request] = sandbox().requests;
		expect(request.pathSegments).toEqual(['v1', 'customers', customer.id, 'payment-profiles', id, 'cancel']);
	});
});

describe('Cancel: the access token never leaks', () => {
	it('is absent from success items, error items, messages and the thrown error, even when the server echoes it', async () => {
		const token = 'APP_USR-1234567890-SECRET-token';
		const own = await (await import('../sandbox/server')).startSandbox({ token });
		try {
			const customer = own.addCustomer({});
			const ok = own.addProfile(customer.id, {});
			const echoed = own.addProfile(customer.id, {});
			own.inject({ kind: 'echoToken', match: { paymentProfileId: echoed.id } });
			const items = [
				{ customerId: customer.id, paymentProfileId: ok.id },
				{ customerId: customer.id, paymentProfileId: echoed.id },
				{ customerId: customer.id, paymentProfileId: 'missing' },
			];
			const continued = await runCancel(own, { items, onError: 'continueErrorOutput', token: `  ${token}\n` });
			expect(continued.success).toHaveLength(1);
			expect(continued.error).toHaveLength(2);
			expect(JSON.stringify(continued.error[0].json)).toContain('[redacted]');

			own.inject({ kind: 'echoToken' });
			const stopped = await runCancel(own, { items: [items[1]], token });
			expect(stopped.status).toBe('error');
			for (const result of [continued, stopped]) expect(everything(result)).not.toContain(token);
		} finally {
			await own.close();
		}
	});
});

/** The key of every request sent for one profile, in order (retries included). */
function keysSent(row: { customerId: string; paymentProfileId: string }) {
	return sandbox().requests
		.filter((r) => r.customerId === row.customerId && r.paymentProfileId === row.paymentProfileId)
		.map((r) => r.idempotencyKey);
}
