/**
 * An answer must be the object asked for: a Get, a dry run's read, a read-back after a refusal
 * and a write's answer count only when their body is the object whose id was asked for. A
 * search page, another customer's object or an object without an id is unexpected_response.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunResult } from '../harness/harness';
import { runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import type { Fault } from '../sandbox/types';
import { profileWith } from './fixtures';

const sandbox = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const errorOf = (result: RunResult) => result.error[0].json.error as IDataObject;
const answer = (route: NonNullable<Fault['match']>['route'], body: unknown): Fault => ({ kind: 'status', status: 200, body, match: { route } });

/** A search page, as GET /preapproval/search or /v1/customers/search answer it. */
const PAGE = { paging: { total: 2, offset: 0, limit: 20 }, results: [{ id: 'a', status: 'authorized' }, { id: 'b', status: 'authorized' }] };

function run(parameters: INodeParameters, options: IDataObject = {}) {
	return runOperation(sandbox(), { parameters, items: [{}], options, onError: 'continueErrorOutput' });
}

describe('a Get accepts only the object asked for', () => {
	const cases: Array<[string, () => { parameters: INodeParameters; route: 'customer' | 'get' | 'subscription' }]> = [
		['Customer > Get', () => ({ parameters: { resource: 'customer', operation: 'get', customerId: byId(sandbox().addCustomer({}).id) }, route: 'customer' })],
		[
			'Payment Profile > Get',
			() => {
				const { customerId, paymentProfileId } = profileWith(sandbox());
				return { parameters: { resource: 'paymentProfile', operation: 'get', customerId: byId(customerId), paymentProfileId: byId(paymentProfileId) }, route: 'get' };
			},
		],
		[
			'Subscription > Get',
			() => ({ parameters: { resource: 'subscription', operation: 'get', subscriptionId: byId(sandbox().addSubscription({}).id) }, route: 'subscription' }),
		],
	];
	const bodies: Array<[string, unknown, string]> = [
		['a search page', PAGE, 'JSON without an "id"'],
		['another object', { id: 'someone-else', status: 'authorized' }, 'the id "someone-else"'],
		['an object without an id', { status: 'authorized' }, 'JSON without an "id"'],
	];

	it.each(cases.flatMap(([name, make]) => bodies.map(([label, body, what]) => ({ name, make, label, body, what }))))(
		'$name answered with $label: unexpected_response, nothing output',
		async ({ make, body, what }) => {
			const { parameters, route } = make();
			sandbox().inject(answer(route, body));
			const result = await run(parameters);
			expect(result.success).toEqual([]);
			expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', httpStatus: 200, attempts: 1 });
			expect(errorOf(result).message).toContain(what);
		},
	);
});

describe("a dry run's read and a cancel's read-back accept only the object asked for", () => {
	it('Subscription > Cancel dry run answered with a search page says nothing would be cancelled', async () => {
		const { id } = sandbox().addSubscription({});
		sandbox().inject(answer('subscription', PAGE));
		const result = await run({ resource: 'subscription', operation: 'cancel', subscriptionId: byId(id) }, { dryRun: true });
		expect(result.success).toEqual([]);
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
	});

	it('Payment Profile > Cancel dry run answered with another profile fails that row', async () => {
		const row = profileWith(sandbox());
		sandbox().inject(answer('get', { id: 'another', status: 'READY' }));
		const result = await runCancel(sandbox(), { items: [row], options: { dryRun: true }, onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
	});

	it("a refused cancel whose read-back is another profile reading CANCELLED stays the refusal, never 'already cancelled'", async () => {
		const row = profileWith(sandbox(), { status: 'CANCELLED' });
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		sandbox().inject(answer('get', { id: 'another', status: 'CANCELLED' }));
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect(result.success).toEqual([]);
		expect(errorOf(result)).toMatchObject({ code: 'profile_already_cancelled', httpStatus: 400 });
	});

	it("a refused subscription cancel whose read-back is another subscription stays the refusal", async () => {
		const { id } = sandbox().addSubscription({ status: 'cancelled' });
		sandbox().inject(answer('subscription', { id: 'another', status: 'cancelled' }));
		const result = await run({ resource: 'subscription', operation: 'cancel', subscriptionId: byId(id) });
		expect(result.success).toEqual([]);
		expect(errorOf(result)).toMatchObject({ code: 'http_400', httpStatus: 400 });
	});
});

describe("a write's answer must be the object changed", () => {
	it('a profile cancel answered 200 with another profile reading CANCELLED is unexpected_response', async () => {
		const row = profileWith(sandbox());
		sandbox().inject(answer('cancel', { id: 'another', status: 'CANCELLED' }));
		const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', httpStatus: 200 });
	});

	it('a subscription PUT answered with another subscription in the status asked for is unexpected_response', async () => {
		const { id } = sandbox().addSubscription({});
		sandbox().inject(answer('subscriptionUpdate', { id: 'another', status: 'cancelled' }));
		const result = await run({ resource: 'subscription', operation: 'cancel', subscriptionId: byId(id) });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response', httpStatus: 200 });
	});

	it.each(['pause', 'resume'])('%s answered 200 with the subscription cancelled is subscription_cancelled, not "may or may not"', async (operation) => {
		const { id } = sandbox().addSubscription({ status: operation === 'pause' ? 'authorized' : 'paused' });
		sandbox().inject(answer('subscriptionUpdate', { id, status: 'cancelled' }));
		const result = await run({ resource: 'subscription', operation, subscriptionId: byId(id) });
		expect(errorOf(result)).toMatchObject({
			code: 'subscription_cancelled',
			httpStatus: 200,
			retryable: false,
			attempts: 1,
			message: 'The subscription is cancelled: it can no longer be paused or resumed',
		});
	});
});
