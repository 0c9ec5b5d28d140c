/**
 * A blank, missing or unknown value never widens what a request reaches: a search without its
 * email, a list with an empty status filter, a picker's empty box, a Dry Run an expression
 * left empty. Each such row fails alone with invalid_input naming the field, and nothing is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import type { RunResult } from '../harness/harness';
import { runListSearch } from '../harness/listSearch';
import { runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { pagesAsked, seedProfiles } from './fixtures';

const sandbox = useSandbox();

const SUBSCRIPTION_SEARCH = { resource: 'subscription', operation: 'search', payerEmail: '={{ $json.payerEmail }}' };
const CUSTOMER_SEARCH = { resource: 'customer', operation: 'search', email: '={{ $json.email }}' };

const errorOf = (item: { json: IDataObject }) => item.json.error as IDataObject;
const messages = (result: RunResult) => result.error.map((i) => errorOf(i).message);

function run(parameters: INodeParameters, items: IDataObject[], extra: { typeVersion?: number; options?: IDataObject } = {}) {
	return runOperation(sandbox(), { parameters, items, onError: 'continueErrorOutput', ...extra });
}

/** Two other payers' subscriptions: what a widened search would reach. */
function othersSubscriptions() {
	return [sandbox().addSubscription({ payer_email: 'bruno@example.com' }), sandbox().addSubscription({ payer_email: 'dora@example.com' })];
}

describe("Subscription > Search never lists other payers' subscriptions for a blank row", () => {
	it.each([1, 2])('version %i: [carla, {}] gives carla nothing and the blank row invalid_input; the account is never listed', async (typeVersion) => {
		othersSubscriptions();
		const result = await run(SUBSCRIPTION_SEARCH, [{ payerEmail: 'carla@example.com' }, {}], { typeVersion });
		expect(result.success).toEqual([]);
		expect(result.error.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorOf(result.error[0])).toMatchObject({
			code: 'invalid_input',
			attempts: 0,
			payerEmail: null,
			message:
				'The input of this item is not valid, so nothing was sent: Payer Email is empty. To list every subscription of the account instead, set Search By to "Every Subscription of the Account"',
		});
		expect(pagesAsked(sandbox()).map((query) => query.payer_email)).toEqual(['carla@example.com']);
	});

	it.each([
		['an empty cell', ''],
		['spaces', '   '],
		['null from the expression', null],
	])('%s is refused the same way', async (_label, payerEmail) => {
		othersSubscriptions();
		const result = await run(SUBSCRIPTION_SEARCH, [{ payerEmail }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', payerEmail, message: expect.stringContaining('Payer Email is empty') });
		expect(sandbox().requests).toEqual([]);
	});

	it('an email with a space inside is refused: it can only match nothing', async () => {
		const result = await run(SUBSCRIPTION_SEARCH, [{ payerEmail: 'ana @example.com' }]);
		expect(messages(result)).toEqual([
			'The input of this item is not valid, so nothing was sent: "ana @example.com" holds a space or a line break: an email address has none',
		]);
		expect(sandbox().requests).toEqual([]);
	});

	it('listing the whole account is a choice of its own in the form, which no expression can make', async () => {
		const all = othersSubscriptions();
		const result = await run({ resource: 'subscription', operation: 'search', searchBy: 'account', returnAll: true }, [{}]);
		expect(result.success.map((i) => i.json.id)).toEqual(all.map((s) => s.id));
		expect(pagesAsked(sandbox())[0].payer_email).toBeUndefined();
		const searchBy = new MercadoPago().description.properties.filter((p) => p.name === 'searchBy');
		expect(searchBy.length).toBeGreaterThan(0);
		for (const property of searchBy) expect(property).toMatchObject({ noDataExpression: true, default: 'payerEmail' });
	});
});

describe('Customer > Search refuses a blank email', () => {
	it.each([
		['missing', {}, null],
		['null', { email: null }, null],
		['spaces', { email: '  ' }, '  '],
	])('%s', async (_label, row, given) => {
		sandbox().seed(2, 0);
		const result = await run(CUSTOMER_SEARCH, [row]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', email: given, message: expect.stringContaining('Email is empty') });
		expect(sandbox().requests).toEqual([]);
	});
});

describe('a status filter must name a status', () => {
	const GET_MANY = { resource: 'paymentProfile', operation: 'getAll', customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' } };
	const cases: Array<[string, INodeParameters, string]> = [
		['Get Many', { ...GET_MANY, filters: { status: '={{ $json.status }}' } }, 'CANCELLED, PENDING, READY'],
		['Subscription > Search', { ...SUBSCRIPTION_SEARCH, filters: { status: '={{ $json.status }}' } }, 'authorized, cancelled, paused, pending'],
	];

	it.each(cases.flatMap(([name, parameters]) => [['', 'empty'], [null, 'null'], [undefined, 'missing']].map(([status, label]) => ({ name, parameters, status, label }))))(
		'$name: a $label status from an expression fails the row instead of listing every status',
		async ({ parameters, status }) => {
			const [{ customerId }] = seedProfiles(sandbox(), [{ status: 'READY' }, { status: 'CANCELLED' }]);
			const row: IDataObject = { customerId, payerEmail: 'ana@example.com' };
			if (status !== undefined) row.status = status;
			const result = await run(parameters, [row]);
			expect(messages(result)).toEqual([
				'The input of this item is not valid, so nothing was sent: Status is empty: choose a status, or remove the Status filter to list every status',
			]);
			expect(sandbox().requests).toEqual([]);
		},
	);

	it.each(cases)('%s: a status outside the list is refused, naming the ones there are', async (_name, parameters, allowed) => {
		const [{ customerId }] = seedProfiles(sandbox(), 1);
		const result = await run(parameters, [{ customerId, payerEmail: 'ana@example.com', status: 'active' }]);
		expect(messages(result)).toEqual([`The input of this item is not valid, so nothing was sent: Status must be one of ${allowed}, not "active"`]);
		expect(sandbox().requests).toEqual([]);
	});

	it('no filter added lists every status: that one is a choice made in the form', async () => {
		const [{ customerId }] = seedProfiles(sandbox(), [{ status: 'READY' }, { status: 'CANCELLED' }]);
		const result = await run(GET_MANY, [{ customerId }]);
		expect(result.success).toHaveLength(2);
		expect(pagesAsked(sandbox())[0].status).toBeUndefined();
	});
});

describe("the subscription picker's empty box lists nobody", () => {
	const pick = (filter?: string) =>
		runListSearch({
			nodeType: new MercadoPago(),
			method: 'searchSubscriptions',
			parameters: { resource: 'subscription', operation: 'cancel' },
			credentials: { mercadoPagoApi: { accessToken: sandbox().token, baseUrl: sandbox().url } },
			credentialTypes: [new MercadoPagoApi()],
			filter,
		});

	it('asks for the whole email and sends nothing', async () => {
		othersSubscriptions();
		expect(await pick('  ')).toEqual({ results: [{ name: "Type the payer's whole email to search", value: '' }] });
		expect(await pick()).toEqual({ results: [{ name: "Type the payer's whole email to search", value: '' }] });
		expect(sandbox().requests).toEqual([]);
	});

	it('says what was typed when nothing matches', async () => {
		expect(await pick('carla@example.com')).toEqual({
			results: [{ name: 'No subscription found for "carla@example.com": Mercado Pago matches the whole address only', value: '' }],
		});
	});
});

describe('Dry Run and the other switches are true or false, never a guess', () => {
	const DRY_FROM_ROWS = { dryRun: '={{ $json.dry }}' };

	it('"true" as text (a sheet cell) is a dry run: nothing is cancelled', async () => {
		const rows = seedProfiles(sandbox(), 2).map((row) => ({ ...row, dry: 'true' }));
		const result = await runCancel(sandbox(), { items: rows, options: DRY_FROM_ROWS, onError: 'continueErrorOutput' });
		expect(result.success.map((i) => i.json.dryRun)).toEqual([true, true]);
		expect(sandbox().requests.map((r) => r.route)).toEqual(['get', 'get']);
	});

	it.each([
		['a missing column', undefined, 'Dry Run must be true or false, not empty'],
		['"yes"', 'yes', 'Dry Run must be true or false, not "yes"'],
	])('%s fails every row before anything is sent', async (_label, dry, words) => {
		const rows = seedProfiles(sandbox(), 2).map((row) => (dry === undefined ? row : { ...row, dry }));
		const result = await runCancel(sandbox(), { items: rows, options: DRY_FROM_ROWS, onError: 'continueErrorOutput' });
		expect(result.success).toEqual([]);
		expect(messages(result)).toEqual([`The input of this item is not valid, so nothing was sent: ${words}`, `The input of this item is not valid, so nothing was sent: ${words}`]);
		expect(sandbox().requests).toEqual([]);
	});

	it('a row whose own Dry Run differs from the first row is not sent: no row is cancelled on another row\'s word', async () => {
		const rows = seedProfiles(sandbox(), 3).map((row, i) => ({ ...row, dry: i === 1 }));
		const result = await runCancel(sandbox(), { items: rows, options: DRY_FROM_ROWS, onError: 'continueErrorOutput' });
		expect(result.error.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorOf(result.error[0]).message).toBe(
			"The input of this item is not valid, so nothing was sent: Dry Run differs from the first item's: one run is either all one or all the other, so this item was not sent",
		);
		expect(sandbox().requests.filter((r) => r.route === 'cancel').map((r) => r.paymentProfileId)).toEqual([rows[0].paymentProfileId, rows[2].paymentProfileId]);
		expect(sandbox().cancelCount(rows[1].customerId, rows[1].paymentProfileId)).toBe(0);
	});

	it('Already Cancelled Is a Success "false" as text is off', async () => {
		const [row] = seedProfiles(sandbox(), [{ status: 'CANCELLED' }]);
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		const result = await runCancel(sandbox(), { items: [row], options: { alreadyCancelledIsSuccess: 'false' }, onError: 'continueErrorOutput' });
		expect(errorOf(result.error[0])).toMatchObject({ code: 'profile_already_cancelled' });
	});

	it('an idempotency mode no option names is refused, not taken for the default', async () => {
		const [row] = seedProfiles(sandbox(), 1);
		const result = await runCancel(sandbox(), { items: [{ ...row, mode: 'Random' }], parameters: { idempotencyKeyMode: '={{ $json.mode }}', idempotencyKey: 'unused' }, onError: 'continueErrorOutput' });
		expect(messages(result)).toEqual(['The input of this item is not valid, so nothing was sent: Idempotency Key must be deterministic, random or custom, not "Random"']);
		expect(sandbox().requests).toEqual([]);
	});
});
