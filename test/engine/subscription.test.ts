/** Subscriptions (preapproval): the same guarantees as payment profiles, for each possibility Mercado Pago leaves open. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runListSearch } from '../harness/listSearch';
import type { RunResult } from '../harness/harness';
import type { Sandbox, SubscriptionStatus } from '../sandbox/server';
import { runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { pagesAsked } from './fixtures';

const sandbox = useSandbox();

const byId = { __rl: true, mode: 'id', value: '={{ $json.subscriptionId }}' };
const op = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'subscription',
	operation,
	subscriptionId: byId,
	...extra,
});

function subscriptions(...statuses: SubscriptionStatus[]) {
	return statuses.map((status) => ({ subscriptionId: sandbox().addSubscription({ status, payer_email: 'ana@example.com' }).id }));
}

const run = (operation: string, items: IDataObject[], extra: { options?: IDataObject; parameters?: INodeParameters } = {}) =>
	runOperation(sandbox(), { parameters: op(operation, extra.parameters), items, options: extra.options, onError: 'continueErrorOutput' });

const codes = (result: RunResult) => result.error.map((i) => (i.json.error as { code: string }).code);
const puts = () => sandbox().requests.filter((r) => r.route === 'subscriptionUpdate');

describe('Subscription > Search and Get', () => {
	it("Search finds a payer's subscriptions by email and status, following the pages", async () => {
		for (let i = 0; i < 130; i++) sandbox().addSubscription({ payer_email: 'ana@example.com' });
		sandbox().addSubscription({ payer_email: 'ana@example.com', status: 'cancelled' });
		sandbox().addSubscription({ payer_email: 'bruno@example.com' });
		const result = await runOperation(sandbox(), {
			parameters: { resource: 'subscription', operation: 'search', payerEmail: 'ana@example.com', returnAll: true, filters: { status: 'authorized' } },
			items: [{}],
		});
		expect(result.success).toHaveLength(130);
		expect(result.success[0].json).toMatchObject({ payer_email: 'ana@example.com', status: 'authorized', subscriptionId: result.success[0].json.id });
		expect(pagesAsked(sandbox()).map(({ offset }) => offset)).toEqual(['0', '100']);
		expect(pagesAsked(sandbox())[0].payer_email).toBe('ana@example.com');
	});

	it('Search refuses an address without @ for that item', async () => {
		const result = await runOperation(sandbox(), {
			parameters: { resource: 'subscription', operation: 'search', payerEmail: 'ana' },
			items: [{}],
			onError: 'continueErrorOutput',
		});
		expect(codes(result)).toEqual(['invalid_input']);
		expect(sandbox().requests).toEqual([]);
	});

	it('Get returns the subscription; an unknown id is resource_not_found naming the subscription', async () => {
		const [known] = subscriptions('paused');
		const result = await run('get', [known, { subscriptionId: 'nope' }]);
		expect(result.success[0].json).toMatchObject({ id: known.subscriptionId, status: 'paused', subscriptionId: known.subscriptionId });
		expect(result.error[0].json.error).toMatchObject({ code: 'resource_not_found', httpStatus: 404, message: 'The subscription was not found' });
	});

	it('the picker lists the subscriptions of the payer typed, with reason and status', async () => {
		const mine = sandbox().addSubscription({ payer_email: 'ana@example.com', reason: 'Yoga monthly' });
		sandbox().addSubscription({ payer_email: 'bruno@example.com' });
		const list = await runListSearch({
			nodeType: new MercadoPago(),
			method: 'searchSubscriptions',
			parameters: { resource: 'subscription', operation: 'cancel' },
			credentials: { mercadoPagoApi: { accessToken: sandbox().token, baseUrl: sandbox().url } },
			credentialTypes: [new MercadoPagoApi()],
			filter: 'ana@example.com',
		});
		expect(list.results).toEqual([{ name: 'Yoga monthly (authorized) · ana@example.com', value: mine.id, description: `ID ${mine.id}` }]);
	});
});

describe('Subscription > Cancel', () => {
	it('sends PUT status cancelled with the key derived from the id, and reports what Mercado Pago answered', async () => {
		const rows = subscriptions('authorized', 'paused');
		const result = await run('cancel', rows);
		expect(result.success.map((i) => [i.json.status, i.json.alreadyCancelled])).toEqual([
			['cancelled', false],
			['cancelled', false],
		]);
		expect(puts().map((r) => r.body)).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }]);
		const again = await run('cancel', rows);
		expect(again.success.map((i) => i.json.idempotencyKey)).toEqual(result.success.map((i) => i.json.idempotencyKey));
		for (const row of rows) expect(sandbox().subscriptionChanges(row.subscriptionId)).toEqual(['cancelled']);
	});

	it('already cancelled, refused by Mercado Pago: success with alreadyCancelled (or the refusal when that option is off)', async () => {
		const rows = subscriptions('cancelled');
		const on = await run('cancel', rows);
		expect(on.success[0].json).toMatchObject({ success: true, status: 'cancelled', alreadyCancelled: true, attempts: 2 });
		const off = await run('cancel', rows, { options: { alreadyCancelledIsSuccess: false } });
		expect(off.error[0].json.error).toMatchObject({ code: 'http_400', httpStatus: 400, message: 'You can not modify a cancelled preapproval.' });
	});

	it('already cancelled, answered 200 by Mercado Pago: a success (the answer cannot tell it was cancelled before)', async () => {
		sandbox().behaviour.cancelledAgain = 'ok';
		const result = await run('cancel', subscriptions('cancelled'));
		expect(result.success[0].json).toMatchObject({ success: true, status: 'cancelled', alreadyCancelled: false, attempts: 1 });
	});

	it('where Mercado Pago honours the key, a re-run of Cancel is a replay', async () => {
		sandbox().behaviour.subscriptionKeys = 'honoured';
		const rows = subscriptions('authorized');
		await run('cancel', rows);
		const again = await run('cancel', rows);
		expect(again.success[0].json).toMatchObject({ success: true });
		expect(sandbox().requests.filter((r) => r.replayed)).toHaveLength(1);
		expect(sandbox().subscriptionChanges(rows[0].subscriptionId)).toEqual(['cancelled']);
	});

	it('Dry Run reads, sends no PUT and no key, and says what a real run would do', async () => {
		const rows = subscriptions('authorized', 'cancelled');
		const result = await run('cancel', rows, { options: { dryRun: true } });
		expect(result.success.map((i) => [i.json.wouldCancel, i.json.currentStatus])).toEqual([
			[true, 'authorized'],
			[false, 'cancelled'],
		]);
		expect(puts()).toEqual([]);
	});
});

describe('Subscription > Pause and Resume', () => {
	it('pause -> resume -> pause: each one changes the subscription (no key turns the second pause into a replay)', async () => {
		const rows = subscriptions('authorized');
		sandbox().behaviour.subscriptionKeys = 'honoured';
		for (const operation of ['pause', 'resume', 'pause']) {
			const result = await run(operation, rows);
			expect(result.success[0].json).toMatchObject({ success: true, status: operation === 'pause' ? 'paused' : 'authorized' });
		}
		expect(sandbox().subscriptionChanges(rows[0].subscriptionId)).toEqual(['paused', 'authorized', 'paused']);
		expect(puts().map((r) => r.idempotencyKey)).toEqual([undefined, undefined, undefined]);
	});

	it.each(['pause', 'resume'])('%s of a cancelled subscription: Mercado Pago refuses, the node reads it, subscription_cancelled', async (operation) => {
		const rows = subscriptions('cancelled');
		const result = await run(operation, rows);
		expect(result.error[0].json.error).toMatchObject({ code: 'subscription_cancelled', httpStatus: 400, retryable: false, attempts: 2 });
		expect(sandbox().subscriptionChanges(rows[0].subscriptionId)).toEqual([]);
	});

	it('a row whose own fields say cancelled is still sent: only Mercado Pago says what is cancelled', async () => {
		const [active, cancelled] = subscriptions('authorized', 'cancelled');
		const rows = [active, cancelled].map((row) => ({ ...row, id: row.subscriptionId, status: 'cancelled' }));
		const paused = await run('pause', rows);
		expect(paused.success[0].json).toMatchObject({ success: true, status: 'paused', attempts: 1 });
		expect(paused.error[0].json.error).toMatchObject({ code: 'subscription_cancelled', attempts: 2 });
		const cancel = await run('cancel', [{ ...active, status: 'cancelled' }]);
		expect(cancel.success[0].json).toMatchObject({ success: true, alreadyCancelled: false, attempts: 1 });
		expect(sandbox().subscriptionChanges(active.subscriptionId)).toEqual(['paused', 'cancelled']);
	});

	it('Pause > Dry Run reads only: a cancelled one goes to the error output with subscription_cancelled', async () => {
		const rows = subscriptions('authorized', 'paused', 'cancelled');
		const result = await run('pause', rows, { options: { dryRun: true } });
		expect(result.success.map((i) => [i.json.wouldPause, i.json.currentStatus])).toEqual([
			[true, 'authorized'],
			[false, 'paused'],
		]);
		expect(codes(result)).toEqual(['subscription_cancelled']);
		expect(puts()).toEqual([]);
	});

	it('pausing a paused subscription is a success, whether Mercado Pago answers 200 or refuses', async () => {
		const rows = subscriptions('paused', 'paused');
		const quiet = await run('pause', [rows[0]]);
		sandbox().behaviour.sameStatus = 'refused';
		const refused = await run('pause', [rows[1]]);
		expect(quiet.success[0].json).toMatchObject({ success: true, status: 'paused' });
		expect(refused.success[0].json).toMatchObject({ success: true, status: 'paused', attempts: 2 });
	});
});

describe('Subscription errors', () => {
	it.each([
		['a rejected token', 'unauthorized_access_token', (s: Sandbox) => s.inject({ kind: 'status', status: 401 })],
		['a 500 that stays', 'internal_server_error', (s: Sandbox) => s.inject({ kind: 'status', status: 500, times: 5 })],
		['a 429 that stays', 'too_many_requests', (s: Sandbox) => s.inject({ kind: 'status', status: 429, retryAfter: 0, times: 5 })],
	])('%s reaches the error output as %s', async (_label, code, provoke) => {
		const rows = subscriptions('authorized');
		provoke(sandbox());
		const result = await run('pause', rows, { options: { maxRetries: 1, rateLimitWait: 0 } });
		expect(codes(result)).toEqual([code]);
	});
});

describe('1,000 subscriptions cancelled under faults', () => {
	it('every item once, in order; nothing changed twice', async () => {
		const rows = Array.from({ length: 1_000 }, () => ({ subscriptionId: sandbox().addSubscription({}).id }));
		sandbox().faultRates = {
			seed: 12,
			rates: { status500: 0.05, reset: 0.05, applyThenReset: 0.05 },
			retryAfterSeconds: 0,
		};
		const result = await run('cancel', rows, { options: { concurrency: 64, maxRetries: 6, timeout: 2_000 } });
		const seen = [...result.success, ...result.error].map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b);
		expect(seen).toEqual(rows.map((_, i) => i));
		expect(result.success.length).toBeGreaterThan(990);
		for (const row of rows) expect(sandbox().subscriptionChanges(row.subscriptionId).length).toBeLessThanOrEqual(1);
		for (const item of result.success) expect(sandbox().getSubscription(String(item.json.subscriptionId))?.status).toBe('cancelled');
		expect(result.success.some((i) => i.json.alreadyCancelled === true)).toBe(true);
	});
});
