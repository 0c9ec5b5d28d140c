/** The sandbox itself, driven with plain fetch (and node:http where fetch would rewrite the path). */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { useSandbox } from '../harness/useSandbox';
import { startSandbox, type ErrorShape, type Sandbox } from './server';

const sb = useSandbox();

const auth = () => ({ Authorization: `Bearer ${sb().token}` });
const enc = encodeURIComponent;
// Response bodies are checked with matchers, so `any` is enough here.
const json = (res: Response): Promise<any> => res.json();
const cancelPath = (c: string, p: string) => `/v1/customers/${enc(c)}/payment-profiles/${enc(p)}/cancel`;

function get(path: string, headers: Record<string, string> = auth()): Promise<Response> {
	return fetch(sb().url + path, { headers });
}

function cancel(c: string, p: string, key: string = randomUUID(), signal?: AbortSignal): Promise<Response> {
	return fetch(sb().url + cancelPath(c, p), {
		method: 'POST',
		headers: { ...auth(), 'X-Idempotency-Key': key },
		signal,
	});
}

/** node:http sends the path exactly as given (fetch normalises '..' and '%2e%2e' away). */
function raw(
	method: string,
	path: string,
	headers: Record<string, string> = auth(),
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port: sb().port, method, path, headers, agent: false }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** A customer with one READY profile. */
function fixture(profile: Parameters<Sandbox['addProfile']>[1] = {}) {
	const customer = sb().addCustomer();
	const p = sb().addProfile(customer.id, profile);
	return { c: customer.id, p: p.id };
}

describe('auth', () => {
	test('no Authorization header -> 401 header_missing', async () => {
		const res = await get('/users/me', {});
		expect(res.status).toBe(401);
		const body = await json(res);
		expect(body).toMatchObject({ error: 'header_missing', status: 401 });
		expect(body.cause[0]).toMatchObject({ code: 'header_missing', data: 'Authorization' });
	});

	test('wrong token -> 401 Unauthorized Access Token', async () => {
		const res = await get('/users/me', { Authorization: 'Bearer APP_USR-wrong' });
		expect(res.status).toBe(401);
		expect(await json(res)).toMatchObject({
			message: 'Unauthorized Access Token',
			error: 'unauthorized',
			cause: [{ code: 'Unauthorized Access Token' }],
		});
	});

	test('GET /users/me with the token; the log never stores it', async () => {
		const res = await get('/users/me');
		expect(res.status).toBe(200);
		expect(await json(res)).toMatchObject({ id: 123456789, site_id: 'MLB', country_id: 'BR' });
		expect(sb().requests[0]).toMatchObject({ route: 'me', authorization: true, status: 200 });
		expect(JSON.stringify(sb().requests)).not.toContain(sb().token);
	});

	test('anything else -> generic 404', async () => {
		const res = await get('/v1/nope');
		expect(res.status).toBe(404);
		expect(await json(res)).toEqual({ message: 'resource not found', error: 'not_found', status: 404, cause: [] });
	});
});

describe('cancel', () => {
	test('204, empty body, profile CANCELLED exactly once', async () => {
		const { c, p } = fixture();
		const before = sb().getProfile(c, p)!;
		const key = randomUUID();
		const res = await cancel(c, p, key);
		expect(res.status).toBe(204);
		expect(await res.text()).toBe('');
		const after = sb().getProfile(c, p)!;
		expect(after.status).toBe('CANCELLED');
		expect(Date.parse(after.last_updated_date)).toBeGreaterThanOrEqual(Date.parse(before.last_updated_date));
		expect(sb().cancelCount(c, p)).toBe(1);
		expect(sb().keysFor(c, p)).toEqual([key]);
	});

	test('idempotency key header: missing -> 401 header_missing, empty or > 64 -> 400', async () => {
		const { c, p } = fixture();
		const missing = await fetch(sb().url + cancelPath(c, p), { method: 'POST', headers: auth() });
		expect(missing.status).toBe(401);
		expect(await json(missing)).toMatchObject({
			error: 'header_missing',
			cause: [{ code: 'header_missing', data: 'X-Idempotency-Key' }],
		});
		const long = await cancel(c, p, 'k'.repeat(65));
		expect(long.status).toBe(400);
		expect(await json(long)).toMatchObject({ error: 'bad_request' });
		const empty = await raw('POST', cancelPath(c, p), { ...auth(), 'X-Idempotency-Key': '' });
		expect(empty.status).toBe(400);
		expect(sb().cancelCount(c, p)).toBe(0);
		expect((await cancel(c, p, 'k'.repeat(64))).status).toBe(204);
	});

	test('same key again -> replayed 204, nothing applied twice', async () => {
		const { c, p } = fixture();
		const key = randomUUID();
		expect((await cancel(c, p, key)).status).toBe(204);
		const again = await cancel(c, p, key);
		expect(again.status).toBe(204);
		expect(again.headers.get('x-idempotency-replayed')).toBe('true');
		expect(sb().cancelCount(c, p)).toBe(1);
		expect(sb().requests.map((r) => r.replayed)).toEqual([false, true]);
	});

	test('already CANCELLED with a new key -> 204, no state change', async () => {
		const { c, p } = fixture();
		await cancel(c, p);
		const second = await cancel(c, p);
		expect(second.status).toBe(204);
		expect(second.headers.get('x-idempotency-replayed')).toBeNull();
		expect(sb().cancelCount(c, p)).toBe(1);
	});

	test("the seed's error table", async () => {
		const { c, p } = fixture();
		const other = sb().addCustomer().id;
		const cases: Array<[string, string, number, string]> = [
			['nobody', p, 404, 'resource_not_found'],
			[c, 'no-such-profile', 404, 'resource_not_found'],
			[other, p, 400, 'customer_id_mismatch'],
			[c, sb().addProfile(c, { callerId: '999' }).id, 400, 'caller_id_mismatch'],
			[c, sb().addProfile(c, { siteId: 'MLA' }).id, 400, 'site_id_mismatch'],
			[c, sb().addProfile(c, { failWith: 'unknown_error_occurred' }).id, 400, 'unknown_error_occurred'],
			[c, sb().addProfile(c, { failWith: 'internal_server_error' }).id, 500, 'internal_server_error'],
		];
		for (const [customerId, profileId, status, code] of cases) {
			const res = await cancel(customerId, profileId);
			expect({ status: res.status, body: await json(res) }).toMatchObject({
				status,
				body: { error: code, status, cause: [{ code }] },
			});
		}
		expect(sb().getProfile(c, p)!.status).toBe('READY');
	});

	test('4xx answers are replayed, 5xx are not', async () => {
		const c = sb().addCustomer().id;
		const key = randomUUID();
		expect((await cancel(c, 'later', key)).status).toBe(404);
		sb().addProfile(c, { id: 'later' });
		const replay = await cancel(c, 'later', key);
		expect(replay.status).toBe(404);
		expect(replay.headers.get('x-idempotency-replayed')).toBe('true');

		const { c: c2, p: p2 } = fixture();
		sb().inject({ kind: 'status', status: 500, match: { route: 'cancel' } });
		const key2 = randomUUID();
		expect((await cancel(c2, p2, key2)).status).toBe(500);
		const retry = await cancel(c2, p2, key2);
		expect(retry.status).toBe(204);
		expect(retry.headers.get('x-idempotency-replayed')).toBeNull();
	});

	test('same key while the first is in flight -> 409 (status "409")', async () => {
		const { c, p } = fixture();
		const held = sb().hold();
		const key = randomUUID();
		const first = cancel(c, p, key);
		await held.arrived();
		const second = await cancel(c, p, key);
		expect(second.status).toBe(409);
		expect(await json(second)).toEqual({
			message: 'The process has not been completed yet. Try again later.',
			error: 'conflict',
			status: '409',
			cause: [],
		});
		held.release();
		expect((await first).status).toBe(204);
		const third = await cancel(c, p, key);
		expect(third.status).toBe(204);
		expect(third.headers.get('x-idempotency-replayed')).toBe('true');
		expect(sb().cancelCount(c, p)).toBe(1);
	});

	test('same key, different profile -> 409 idempotency_key_already_used', async () => {
		const { c, p } = fixture();
		const p2 = sb().addProfile(c).id;
		const key = randomUUID();
		expect((await cancel(c, p, key)).status).toBe(204);
		const reuse = await cancel(c, p2, key);
		expect(reuse.status).toBe(409);
		expect(await json(reuse)).toMatchObject({ error: 'idempotency_key_already_used', status: 409 });
		expect(sb().getProfile(c, p2)!.status).toBe('READY');
	});
});

describe('faults', () => {
	test('status: matcher, times, Retry-After, not stored', async () => {
		const { c, p } = fixture();
		const other = fixture();
		sb().inject({ kind: 'status', status: 503, retryAfter: 2, times: 2, match: { route: 'cancel', paymentProfileId: p } });
		expect((await get(`/v1/customers/${c}/payment-profiles/${p}`)).status).toBe(200);
		const key = randomUUID();
		const first = await cancel(c, p, key);
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('2');
		expect(await json(first)).toMatchObject({ error: 'service_unavailable', status: 503 });
		expect(sb().pendingFaults).toBe(1);
		expect((await cancel(other.c, other.p)).status).toBe(204); // another profile: not matched
		expect((await cancel(c, p, key)).status).toBe(503);
		expect((await cancel(c, p, key)).status).toBe(204);
		expect(sb().pendingFaults).toBe(0);
	});

	test('status with a non-JSON body', async () => {
		sb().inject({ kind: 'status', status: 502, body: '<html>Bad Gateway</html>' });
		const res = await get('/users/me');
		expect(res.status).toBe(502);
		expect(res.headers.get('content-type')).toContain('text/plain');
		expect(await res.text()).toBe('<html>Bad Gateway</html>');
	});

	test('reset: no answer, nothing applied', async () => {
		const { c, p } = fixture();
		sb().inject({ kind: 'reset' });
		const key = randomUUID();
		await expect(cancel(c, p, key)).rejects.toThrow();
		expect(sb().cancelCount(c, p)).toBe(0);
		const retry = await cancel(c, p, key);
		expect(retry.status).toBe(204);
		expect(retry.headers.get('x-idempotency-replayed')).toBeNull();
	});

	test('hang: never answers until the client gives up', async () => {
		const { c, p } = fixture();
		sb().inject({ kind: 'hang', match: { route: 'cancel' } });
		const giveUp = new AbortController();
		const hanging = cancel(c, p, randomUUID(), giveUp.signal);
		await sb().received(1);
		giveUp.abort();
		await expect(hanging).rejects.toThrow();
		expect(sb().cancelCount(c, p)).toBe(0);
		expect(sb().requests[0]).toMatchObject({ fault: 'hang', status: 0 });
		expect((await cancel(c, p)).status).toBe(204);
	});

	test('applyThenReset: applied, then the retry with the same key gets the replay', async () => {
		const { c, p } = fixture();
		sb().inject({ kind: 'applyThenReset' });
		const key = randomUUID();
		await expect(cancel(c, p, key)).rejects.toThrow();
		expect(sb().cancelCount(c, p)).toBe(1);
		const retry = await cancel(c, p, key);
		expect(retry.status).toBe(204);
		expect(retry.headers.get('x-idempotency-replayed')).toBe('true');
		expect(sb().cancelCount(c, p)).toBe(1);
	});

	test('hold: decided on arrival, answered on release; the key stays in flight meanwhile', async () => {
		const { c, p } = fixture();
		const other = fixture();
		const held = sb().hold({ match: { route: 'cancel', paymentProfileId: p } });
		const key = randomUUID();
		const first = cancel(c, p, key);
		await held.arrived();
		expect(sb().getProfile(c, p)!.status).toBe('CANCELLED');
		expect((await cancel(other.c, other.p)).status).toBe(204); // not matched: answered at once
		expect((await cancel(c, p, key)).status).toBe(409); // the hold is used up: answered at once
		expect(held.count).toBe(1);
		held.release();
		expect((await first).status).toBe(204);
		expect((await cancel(c, p, key)).headers.get('x-idempotency-replayed')).toBe('true');
		expect(sb().cancelCount(c, p)).toBe(1);
	});

	test('echoToken: the Authorization value comes back in message and cause', async () => {
		sb().inject({ kind: 'echoToken' });
		const res = await get('/users/me');
		expect(res.status).toBe(400);
		const body = await json(res);
		expect(body.message).toContain(`Bearer ${sb().token}`);
		expect(body.cause[0].description).toContain(`Bearer ${sb().token}`);
	});

	const where: Record<ErrorShape, (b: any) => unknown> = {
		classic: (b) => [b.error, b.cause[0].code, b.cause[0].description !== undefined],
		causeObject: (b) => [b.error, b.cause.code, Array.isArray(b.cause)],
		causeNull: (b) => [b.error, b.cause],
		statusString: (b) => [b.error, b.status],
		causeMessage: (b) => [b.error, b.cause[0].code, typeof b.cause[0].message],
		numericCode: (b) => [b.error, typeof b.cause[0].code],
		details: (b) => [b.code, Array.isArray(b.details)],
		errors: (b) => [b.errors[0].code, typeof b.errors[0].message],
		messageOnly: (b) => [b.message, Object.keys(b).sort()],
	};
	const expected: Record<ErrorShape, unknown> = {
		classic: ['site_id_mismatch', 'site_id_mismatch', true],
		causeObject: ['site_id_mismatch', 'site_id_mismatch', false],
		causeNull: ['site_id_mismatch', null],
		statusString: ['site_id_mismatch', '400'],
		causeMessage: ['bad_request', 'site_id_mismatch', 'string'],
		numericCode: ['bad_request', 'number'],
		details: ['site_id_mismatch', true],
		errors: ['site_id_mismatch', 'string'],
		messageOnly: ['site_id_mismatch', ['message', 'status']],
	};
	test.each(Object.keys(where) as ErrorShape[])('errorShape %s', async (shape) => {
		sb().inject({ kind: 'errorShape', status: 400, shape, code: 'site_id_mismatch' });
		const res = await get('/users/me');
		expect(res.status).toBe(400);
		expect(where[shape](await json(res))).toEqual(expected[shape]);
	});

	test('faultRates: same seed, same sequence', async () => {
		const run = async () => {
			sb().faultRates = { seed: 42, rates: { status500: 0.3, status503: 0.2 }, match: { route: 'me' } };
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++) statuses.push((await get('/users/me')).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(new Set(first)).toEqual(new Set([200, 500, 503]));
	});

	test('faultRates: a request meets the same faults whatever order the others arrive in', async () => {
		const ids = ['a', 'b', 'c', 'd'].map((id) => fixture({ id }));
		const path = (i: number) => `/v1/customers/${ids[i].c}/payment-profiles/${ids[i].p}`;
		const run = async (order: number[]) => {
			sb().faultRates = { seed: 7, rates: { status500: 0.5 } };
			const seen: number[][] = ids.map(() => []);
			for (const i of order) seen[i].push((await get(path(i))).status);
			return seen;
		};
		const inTurn = await run([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
		expect(await run([3, 3, 3, 2, 2, 2, 1, 1, 1, 0, 0, 0])).toEqual(inTurn);
		expect(new Set(inTurn.flat())).toEqual(new Set([200, 500]));
	});
});

test('rate limit: 429 with Retry-After once the burst is spent', async () => {
	// A token a quarter of an hour: none comes back during the test, however slow the machine.
	sb().rateLimit = { rps: 1 / 900, burst: 5, retryAfterSeconds: 2 };
	const statuses: number[] = [];
	let limited: Response | undefined;
	for (let i = 0; i < 10; i++) {
		const res = await get('/users/me');
		statuses.push(res.status);
		if (res.status === 429) limited ??= res;
		else await res.arrayBuffer();
	}
	expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
	expect(limited!.headers.get('retry-after')).toBe('2');
	expect(await json(limited!)).toMatchObject({ status: 429, cause: [{ code: 'Too Many Requests' }] });
	expect(sb().requests.some((r) => r.fault === 'rateLimit')).toBe(true);
});

describe('paths are taken literally', () => {
	test.each(['a/b', 'x?y', 'x#y', '%41', ' sp ace'])('profile id %j stays one segment', async (id) => {
		const c = sb().addCustomer({ id: 'cust/1' }).id;
		sb().addProfile(c, { id });
		const decoy = sb().addProfile(c, { id: 'a' }).id;
		const res = await cancel(c, id);
		expect(res.status).toBe(204);
		expect(sb().requests[0].pathSegments).toEqual(['v1', 'customers', 'cust/1', 'payment-profiles', id, 'cancel']);
		expect(sb().getProfile(c, id)!.status).toBe('CANCELLED');
		expect(sb().getProfile(c, decoy)!.status).toBe('READY');
	});

	test("'..' is not normalised away (raw or %2E%2E)", async () => {
		const c = sb().addCustomer({ id: 'c1' }).id;
		sb().addProfile(c, { id: '..' });
		const res = await raw('POST', '/v1/customers/c1/payment-profiles/../cancel', {
			...auth(),
			'X-Idempotency-Key': randomUUID(),
		});
		expect(res.status).toBe(204);
		expect(sb().getProfile(c, '..')!.status).toBe('CANCELLED');
		const encoded = await raw('GET', '/v1/customers/c1/payment-profiles/%2E%2E');
		expect(JSON.parse(encoded.body)).toMatchObject({ id: '..', status: 'CANCELLED' });
	});

	test('bad percent-encoding -> 400', async () => {
		const res = await raw('GET', '/v1/customers/%E0%A4%A');
		expect(res.status).toBe(400);
	});
});

describe('reads', () => {
	test('list: paging, status filter, limit/offset validation', async () => {
		const c = sb().addCustomer().id;
		const ids = [0, 1, 2, 3, 4].map((i) => sb().addProfile(c, { status: i < 2 ? 'CANCELLED' : 'READY' }).id);
		const list = (q: string) => get(`/v1/customers/${c}/payment-profiles${q}`);

		const page = await json(await list('?limit=2&offset=2'));
		expect(page.paging).toEqual({ total: 5, total_pages: 3, offset: 2, limit: 2 });
		expect(page.data.map((d: { id: string }) => d.id)).toEqual(ids.slice(2, 4));

		const all = await json(await list(''));
		expect(all.paging).toEqual({ total: 5, total_pages: 1, offset: 0, limit: 50 });

		const cancelled = await json(await list('?status=CANCELLED'));
		expect(cancelled.paging.total).toBe(2);

		for (const bad of ['?limit=0', '?limit=101', '?offset=-1', '?limit=abc', '?status=GONE']) {
			expect((await list(bad)).status).toBe(400);
		}
		expect((await get('/v1/customers/nobody/payment-profiles')).status).toBe(404);
	});

	test('get profile and customer', async () => {
		const { c, p } = fixture({ description: 'Gym' });
		const profile = await json(await get(`/v1/customers/${c}/payment-profiles/${p}`));
		expect(profile).toMatchObject({ id: p, description: 'Gym', status: 'READY', sequence_control: 'AUTO' });
		expect(profile.payment_methods[0]).toMatchObject({ type: 'credit_card', default_method: true });
		expect(profile).not.toHaveProperty('customer_id');
		expect(await json(await get(`/v1/customers/${c}`))).toMatchObject({ id: c });
		expect((await get('/v1/customers/nobody')).status).toBe(404);
	});

	test('search by email, case-insensitive; [] when nothing matches', async () => {
		const customer = sb().addCustomer({ email: 'Ana+subs@Example.com' });
		sb().seed(3, 1);
		const found = await json(await get(`/v1/customers/search?email=${enc('ana+SUBS@example.COM')}`));
		expect(found.paging).toEqual({ limit: 10, offset: 0, total: 1 });
		expect(found.results[0].id).toBe(customer.id);
		const none = await json(await get('/v1/customers/search?email=nobody%40example.com'));
		expect(none).toEqual({ paging: { limit: 10, offset: 0, total: 0 }, results: [] });
		const everyone = await json(await get('/v1/customers/search?limit=2&offset=2'));
		expect(everyone.paging.total).toBe(4);
		expect(everyone.results).toHaveLength(2);
	});
});

describe('the objects notifications name', () => {
	test('payments, subscription charges and plans by id; 404 for any other id', async () => {
		const payment = sb().addPayment({ status: 'rejected' });
		expect(await json(await get(`/v1/payments/${payment.id}`))).toEqual(payment);
		const subscription = sb().addSubscription();
		const charge = sb().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'rejected' });
		expect(await json(await get(`/authorized_payments/${charge.id}`))).toEqual(charge);
		expect(charge).toMatchObject({ preapproval_id: subscription.id, status: 'recycling', payment: { status: 'rejected' } });
		expect(await json(await get(`/v1/payments/${charge.payment!.id}`))).toMatchObject({ status: 'rejected', metadata: { preapproval_id: subscription.id } });
		const plan = sb().addPlan({ reason: 'Gold' });
		expect(await json(await get(`/preapproval_plan/${plan.id}`))).toEqual(plan);
		for (const path of ['/v1/payments/1', '/authorized_payments/1', '/preapproval_plan/nope']) {
			const res = await get(path);
			expect(res.status).toBe(404);
			expect(await json(res)).toMatchObject({ error: 'not_found', status: 404 });
		}
		expect(sb().requests.map((r) => r.route)).toEqual(['payment', 'authorizedPayment', 'payment', 'plan', 'payment', 'authorizedPayment', 'plan']);
	});

	test("a subscription's charges, in the order they were made, and only its own", async () => {
		const [one, two] = [sb().addSubscription(), sb().addSubscription()];
		const first = sb().addAuthorizedPayment({ preapproval_id: one.id, payment_status: 'rejected' });
		sb().addAuthorizedPayment({ preapproval_id: two.id });
		const second = sb().addAuthorizedPayment({ preapproval_id: one.id, payment_status: 'approved', retry_attempt: 1 });
		expect(sb().authorizedPaymentsOf(one.id).map((c) => c.id)).toEqual([first.id, second.id]);
		expect(second.status).toBe('processed');
		expect(() => sb().addAuthorizedPayment({ preapproval_id: 'nobody' })).toThrow('unknown subscription');
	});
});

test('close() ends hanging, delayed and held requests', async () => {
	// Answers due long after the test's own timeout: only close() can end them in time.
	const own = await startSandbox({ latencyMs: 600_000 });
	own.inject({ kind: 'hang' });
	own.hold();
	const headers = { Authorization: `Bearer ${own.token}` };
	const pending = Promise.allSettled([1, 2, 3].map(() => fetch(`${own.url}/users/me`, { headers })));
	await own.received(3);
	await own.close();
	expect((await pending).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
});
