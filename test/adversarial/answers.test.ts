/**
 * Never a success Mercado Pago did not confirm: a 2xx counts only when it proves what was
 * asked. A proxy's sign-in page, a 202, plain text or another status is unexpected_response.
 */
import { startSandbox } from '../sandbox/server';
import { runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith } from '../engine/fixtures';

const sandbox = useSandbox();

const row = () => profileWith(sandbox());

const HTML = '<!doctype html><html><body><form action="/login">Sign in to continue</form></body></html>';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** An answer whose JSON object body is the profile of this row (the id added). */
const about = (item: { paymentProfileId: string }, answer: { status: number; body?: unknown }) =>
	typeof answer.body === 'object' && answer.body !== null && !Array.isArray(answer.body)
		? { ...answer, body: { id: item.paymentProfileId, ...answer.body } }
		: answer;

describe('Cancel: the answers that prove a cancellation', () => {
	it.each([
		['204 (the documented answer)', { status: 204 }],
		['200 with an empty body', { status: 200, body: '' }],
		['201 with an empty body', { status: 201, body: '' }],
		['200 with the profile itself reading CANCELLED', { status: 200, body: { status: 'CANCELLED' } }],
	])('%s is a success', async (_label, answer) => {
		const item = row();
		sandbox().inject({ kind: 'status', ...about(item, answer) });
		const result = await runCancel(sandbox(), { items: [item], onError: 'continueErrorOutput' });
		expect(result.success[0].json).toMatchObject({ success: true, status: 'CANCELLED', alreadyCancelled: false });
	});

	it.each([
		['a 200 HTML page (a proxy or captive portal)', { status: 200, body: HTML, headers: { 'content-type': 'text/html' } }, 'an HTML or XML page'],
		['202 Accepted', { status: 202, body: '' }, 'an empty body'],
		['this profile reading another status', { status: 200, body: { status: 'READY' } }, 'the status READY'],
		['plain text', { status: 200, body: 'OK' }, 'plain text'],
		['a JSON list', { status: 200, body: [1, 2] }, 'a JSON list'],
	])('%s is unexpected_response: not retried, and it says the cancellation may or may not have happened', async (_label, answer, what) => {
		const item = row();
		sandbox().inject({ kind: 'status', ...about(item, answer) });
		const result = await runCancel(sandbox(), { items: [item], onError: 'continueErrorOutput' });
		expect(result.success).toEqual([]);
		const error = result.error[0].json.error as Record<string, unknown>;
		expect(error).toMatchObject({ code: 'unexpected_response', httpStatus: answer.status, retryable: false, attempts: 1 });
		expect(error.message).toContain(what);
		expect(error.description).toMatch(/may or may not have/);
		expect(error.description).toContain('Payment Profile > Get');
	});
});

describe('the reads accept only the JSON shape they expect', () => {
	const profile = () => {
		const item = row();
		return { item, parameters: { resource: 'paymentProfile', operation: 'get', customerId: byId(item.customerId), paymentProfileId: byId(item.paymentProfileId) } };
	};
	it.each([
		['Payment Profile > Get, an HTML page', () => profile().parameters, { status: 200, body: HTML }],
		['Payment Profile > Get, a string', () => profile().parameters, { status: 200, body: '"abc"', headers: { 'content-type': 'application/json' } }],
		['Payment Profile > Get, a list', () => profile().parameters, { status: 200, body: [{ id: 1 }] }],
		['Payment Profile > Get Many, no data list', () => ({ resource: 'paymentProfile', operation: 'getAll', customerId: byId('c') }), { status: 200, body: { paging: {}, results: [] } }],
		['Payment Profile > Get Many, a list of strings', () => ({ resource: 'paymentProfile', operation: 'getAll', customerId: byId('c') }), { status: 200, body: { data: ['a', 'b'] } }],
		['Customer > Search, an empty 200', () => ({ resource: 'customer', operation: 'search', email: 'ana@example.com' }), { status: 200, body: '' }],
		['Customer > Get, plain text', () => ({ resource: 'customer', operation: 'get', customerId: byId('c') }), { status: 200, body: 'hello' }],
	])('%s is unexpected_response, never items made of its characters', async (_label, parameters, answer) => {
		sandbox().inject({ kind: 'status', ...answer });
		const result = await runOperation(sandbox(), { parameters: parameters(), items: [{}], onError: 'continueErrorOutput' });
		expect(result.success).toEqual([]);
		expect(result.error[0].json.error).toMatchObject({ code: 'unexpected_response', retryable: false });
		expect((result.error[0].json.error as { description: string }).description).toContain(
			"Check the credential's Base URL",
		);
	});
});

describe('answers that are not 2xx', () => {
	it('a redirect is not followed: the token never goes to another host', async () => {
		const elsewhere = await startSandbox();
		try {
			const item = row();
			sandbox().inject({ kind: 'status', status: 302, body: '', headers: { location: `${elsewhere.url}/users/me` } });
			const result = await runCancel(sandbox(), { items: [item], onError: 'continueErrorOutput' });
			expect(result.error[0].json.error).toMatchObject({ code: 'http_302', httpStatus: 302, retryable: false, attempts: 1 });
			expect(elsewhere.requests).toEqual([]);
		} finally {
			await elsewhere.close();
		}
	});

	it('a 409 "not completed yet" forever is retried Max Retries times, then reported, with one key', async () => {
		const item = row();
		const inFlight = { message: 'The process has not been completed yet. Try again later.', error: 'conflict', status: '409' };
		sandbox().inject({ kind: 'status', status: 409, body: inFlight, times: 100 });
		const result = await runCancel(sandbox(), { items: [item], onError: 'continueErrorOutput', options: { maxRetries: 2 } });
		// The code Mercado Pago sent is kept when the catalogue has nothing better.
		expect(result.error[0].json.error).toMatchObject({ code: 'conflict', httpStatus: 409, retryable: true, attempts: 3 });
		expect(sandbox().keysFor(item.customerId, item.paymentProfileId)).toHaveLength(1);
	});
});

describe('Subscription > Cancel, Pause, Resume: a 2xx counts only when it shows the status asked for', () => {
	const subscription = () => ({ subscriptionId: sandbox().addSubscription({ payer_email: 'ana@example.com' }).id });
	const parameters = (operation: string) => ({
		resource: 'subscription',
		operation,
		subscriptionId: { __rl: true, mode: 'id', value: '={{ $json.subscriptionId }}' },
	});
	it.each([
		['cancel', 'another status', { status: 200, body: { id: 'x', status: 'authorized' } }],
		['pause', 'another status', { status: 200, body: { id: 'x', status: 'authorized' } }],
		['pause', 'no status', { status: 200, body: { id: 'x' } }],
		['cancel', 'an HTML page', { status: 200, body: HTML, headers: { 'content-type': 'text/html' } }],
	])('%s answered 200 with %s is unexpected_response', async (operation, _what, answer) => {
		const item = subscription();
		sandbox().inject({ kind: 'status', ...answer, match: { route: 'subscriptionUpdate' } });
		const result = await runOperation(sandbox(), { parameters: parameters(operation), items: [item], onError: 'continueErrorOutput' });
		expect(result.success).toEqual([]);
		expect(result.error[0].json.error).toMatchObject({ code: 'unexpected_response', retryable: false });
	});

	it('a 200 with the subscription in the status asked for is a success', async () => {
		const item = subscription();
		sandbox().inject({ kind: 'status', status: 200, body: { id: item.subscriptionId, status: 'paused' }, match: { route: 'subscriptionUpdate' } });
		const result = await runOperation(sandbox(), { parameters: parameters('pause'), items: [item], onError: 'continueErrorOutput' });
		expect(result.success[0].json).toMatchObject({ success: true, status: 'paused' });
	});
});
