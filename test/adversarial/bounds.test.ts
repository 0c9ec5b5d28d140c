/**
 * Bounded whatever the server or the options hold: bodies are read up to a cap under the
 * request's timer, what an error keeps can always be serialised, options are clamped into
 * their ranges, retries keep a pause, and paging stops on its own.
 */
import { MAX_BODY_BYTES } from '../../nodes/MercadoPago/transport/body';
import { MAX_RESULTS } from '../../nodes/MercadoPago/actions/paging';
import { runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith, seedProfiles } from '../engine/fixtures';

const sandbox = useSandbox();

const row = () => profileWith(sandbox());

const getProfile = (item: { customerId: string; paymentProfileId: string }) => ({
	resource: 'paymentProfile',
	operation: 'get',
	customerId: { __rl: true, mode: 'id', value: item.customerId },
	paymentProfileId: { __rl: true, mode: 'id', value: item.paymentProfileId },
});

const errorOf = (result: { error: Array<{ json: { error?: unknown } }> }) => result.error[0].json.error as Record<string, unknown>;

describe('response bodies', () => {
	const chunk = 'x'.repeat(64 * 1024);
	it('a body declared too large is abandoned unread, before the rest of it arrives', async () => {
		const item = row();
		// The rest would come ten minutes later: reading on would end in the timeout, not in this error.
		sandbox().inject({ kind: 'stream', status: 200, chunk, chunks: 32, intervalMs: 600_000, declare: true });
		const result = await runOperation(sandbox(), {
			parameters: getProfile(item),
			items: [{}],
			options: { timeout: 30_000, maxRetries: 0 },
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', httpStatus: 200 });
	});

	it.each([
		['declared too large', { chunks: 32, declare: true }],
		['too large, undeclared', { chunks: 32 }],
		['endless', { chunks: Infinity }],
	])('a body %s is abandoned with unexpected_response', async (_label, shape) => {
		const item = row();
		sandbox().inject({ kind: 'stream', status: 200, chunk, intervalMs: 0, ...shape });
		const result = await runOperation(sandbox(), { parameters: getProfile(item), items: [{}], onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', httpStatus: 200, attempts: 1 });
		expect(errorOf(result).message).toContain(`larger than ${MAX_BODY_BYTES} bytes`);
	});

	it('the timeout covers the whole answer: a body that drips in is a timeout', async () => {
		const item = row();
		// A byte every 50 ms, never ending: only the request's timer can end it.
		sandbox().inject({ kind: 'stream', status: 200, chunk: ' ', chunks: Infinity, intervalMs: 50, times: 5 });
		const result = await runOperation(sandbox(), {
			parameters: getProfile(item),
			items: [{}],
			options: { timeout: 400, maxRetries: 1 },
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result)).toMatchObject({ code: 'timeout', attempts: 2 });
	});

	it('a 2xx nested deeper than any Mercado Pago answer is unexpected_response', async () => {
		const item = row();
		// An object, as a profile is: only its depth gives it away.
		const deep = '{"id":"x","status":"READY","a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
		sandbox().inject({ kind: 'status', status: 200, body: deep, headers: { 'content-type': 'application/json' } });
		const result = await runOperation(sandbox(), { parameters: getProfile(item), items: [{}], onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', message: expect.stringContaining('nests deeper') });
		expect(() => JSON.stringify(result.error)).not.toThrow();
	});

	it('an error body that is deep, wide and long is kept small enough to serialise', async () => {
		const items = [row(), row()];
		const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
		const wide = { message: 'm'.repeat(100_000), list: Array.from({ length: 5_000 }, (_, i) => ({ i })) };
		const match = (i: number) => ({ route: 'cancel' as const, paymentProfileId: items[i].paymentProfileId });
		sandbox().inject({ kind: 'status', status: 500, body: deep, headers: { 'content-type': 'application/json' }, match: match(0) });
		sandbox().inject({ kind: 'status', status: 500, body: wide, match: match(1) });
		const result = await runCancel(sandbox(), { items, onError: 'continueErrorOutput', options: { maxRetries: 0 } });
		expect(result.error).toHaveLength(2);
		for (const failed of result.error) {
			const serialised = JSON.stringify(failed.json);
			expect(serialised.length).toBeLessThan(64 * 1024);
			expect(structuredClone(failed.json)).toEqual(failed.json);
		}
	});
});

describe('options are clamped into their ranges, typed or from expressions', () => {
	it('Concurrency 1000 keeps at most 64 requests in flight', async () => {
		// A gate that has seen answers sends at once; one that has not starts one at a time.
		await runCancel(sandbox(), { items: seedProfiles(sandbox(), 64), options: { concurrency: 64 } });
		const items = seedProfiles(sandbox(), 400);
		const held = sandbox().hold({ match: { customerId: items[0].customerId }, times: items.length });
		const running = runCancel(sandbox(), { items, options: { concurrency: '={{ 1000 }}' }, onError: 'continueErrorOutput' });
		// 64 answers held at once: the 64 were in flight together, past the 16 of the account's default.
		await held.arrived(64);
		// Time for a 65th to leave if anything let it.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(held.count).toBe(64);
		held.release();
		expect((await running).success).toHaveLength(400);
		expect(sandbox().peakInFlight).toBe(64);
	});

	it('Max Retries below 0 retries nothing (the upper bound is in test/unit/settings.test.ts)', async () => {
		const item = row();
		sandbox().inject({ kind: 'status', status: 500, times: 5 });
		const result = await runCancel(sandbox(), { items: [item], options: { maxRetries: -5 }, onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'internal_server_error', attempts: 1 });
	});

	it('a Timeout past what a timer can hold still waits (Node would fire it at once)', async () => {
		const item = row();
		const held = sandbox().hold();
		const running = runCancel(sandbox(), { items: [item], options: { timeout: 2 ** 32 }, onError: 'continueErrorOutput' });
		await Promise.race([held.arrived(), running]);
		// Timers fire in the order they fall due: one the node set at once, before sending, fires before this one.
		await new Promise((resolve) => setTimeout(resolve, 50));
		held.release();
		expect((await running).success[0].json).toMatchObject({ success: true, attempts: 1 });
	});

	it('a Retry-After of 0 still gets a pause before the retry', async () => {
		const item = row();
		sandbox().inject({ kind: 'status', status: 503, headers: { 'retry-after': '0' }, times: 2 });
		// The node pauses at least 250 ms after reading each 503.
		const paused = Promise.all([sandbox().waitedAfter(1, 200), sandbox().waitedAfter(2, 200)]);
		const result = await runCancel(sandbox(), { items: [item], onError: 'continueErrorOutput' });
		expect(result.success[0].json).toMatchObject({ success: true, attempts: 3 });
		expect(await paused).toEqual([true, true]);
	});
});

describe('paging stops on its own', () => {
	const search = { resource: 'customer', operation: 'search', email: 'shared@example.com', returnAll: true };

	it('a server that ignores the offset (the same page again) fails the item with unexpected_response', async () => {
		const page = { paging: { total: 1_000_000 }, results: Array.from({ length: 100 }, (_, i) => ({ id: `c${i}` })) };
		sandbox().inject({ kind: 'status', status: 200, body: page, times: 1_000 });
		const result = await runOperation(sandbox(), { parameters: search, items: [{}], onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', attempts: 2 });
		expect(errorOf(result).message).toContain('brought nothing new');
	});

	it(`Return All stops at ${MAX_RESULTS} results with too_many_results, asking for no more than one page past it`, async () => {
		let n = 0;
		const page = () => ({ paging: { total: 1_000_000 }, results: Array.from({ length: 100 }, () => ({ id: `c${n++}` })) });
		for (let i = 0; i < 150; i++) sandbox().inject({ kind: 'status', status: 200, body: page() });
		const result = await runOperation(sandbox(), { parameters: search, items: [{}], onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'too_many_results' });
		expect(sandbox().requests.length).toBe(MAX_RESULTS / 100 + 1);
	});
});
