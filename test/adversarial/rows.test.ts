/**
 * No row lost, whatever a sheet holds: every input item comes out exactly once, a bad row
 * fails alone with a code and the ids it was given, and a stopped run says what was done.
 */
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from '../engine/fixtures';

const sandbox = useSandbox();

const rows = (n: number) => seedProfiles(sandbox(), n);

const errorOf = (item: { json: { error?: unknown } }) => item.json.error as Record<string, unknown>;

describe('one item never takes the batch down', () => {
	it('an id with malformed Unicode (half a surrogate pair) fails alone with invalid_input', async () => {
		const items = rows(3);
		const broken = { ...items[1], paymentProfileId: `${items[1].paymentProfileId}\uD800` };
		const result = await runCancel(sandbox(), { items: [items[0], broken, items[2]], onError: 'continueErrorOutput' });

		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.error.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorOf(result.error[0])).toMatchObject({
			code: 'invalid_input',
			attempts: 0,
			customerId: items[1].customerId,
			paymentProfileId: broken.paymentProfileId,
			message: expect.stringContaining('malformed Unicode'),
		});
		expect(sandbox().cancelCount(items[1].customerId, items[1].paymentProfileId)).toBe(0);
		for (const i of [0, 2]) expect(sandbox().cancelCount(items[i].customerId, items[i].paymentProfileId)).toBe(1);
	});

	it('in Continue (regular output) the broken row is an error item, never its input row passed through', async () => {
		const items = rows(2);
		const broken = { ...items[0], customerId: '\uDC00abc' };
		const result = await runCancel(sandbox(), { items: [broken, items[1]], onError: 'continueRegularOutput' });
		expect(result.success).toHaveLength(2);
		expect(errorOf(result.success[0])).toMatchObject({ code: 'invalid_input' });
		expect(result.success[1].json).toMatchObject({ success: true });
	});

	it('an expression n8n cannot resolve for one row fails that row alone with invalid_input', async () => {
		const items = rows(3).map((row, i) => ({ ...row, useMissingNode: i === 1 }));
		const result = await runCancel(sandbox(), {
			items,
			parameters: {
				paymentProfileId: {
					__rl: true,
					mode: 'id',
					value: "={{ $json.useMissingNode ? $('No such node').item.json.id : $json.paymentProfileId }}",
				},
			},
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', attempts: 0, message: expect.stringContaining('A field could not be read') });
		expect(result.error[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('errors identify the row', () => {
	it('an invalid_input item carries the ids as the input gave them, spaces included', async () => {
		const result = await runCancel(sandbox(), {
			items: [{ customerId: '  cus-1  ', paymentProfileId: ' .. ' }],
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', customerId: '  cus-1  ', paymentProfileId: ' .. ', idempotencyKey: null });
	});
});

describe('one custom key, one cancellation', () => {
	it('a custom key already used in the run for another profile fails the later item, and nothing is sent for it', async () => {
		const items = rows(3).map((row, i) => ({ ...row, key: i < 2 ? 'TICKET-1' : 'TICKET-2' }));
		const result = await runCancel(sandbox(), {
			items,
			parameters: { idempotencyKeyMode: 'custom', idempotencyKey: '={{ $json.key }}' },
			options: { concurrency: 8 },
			onError: 'continueErrorOutput',
		});
		expect(result.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errorOf(result.error[0])).toMatchObject({ code: 'invalid_input', attempts: 0, paymentProfileId: items[1].paymentProfileId });
		expect(sandbox().requests.filter((r) => r.paymentProfileId === items[1].paymentProfileId)).toHaveLength(0);
		expect(sandbox().cancelCount(items[1].customerId, items[1].paymentProfileId)).toBe(0);
	});

	it('the same custom key for the same profile twice (a duplicated row) is the same cancellation: both succeed, once', async () => {
		const [row] = rows(1);
		const result = await runCancel(sandbox(), {
			items: [{ ...row, key: 'K-1' }, { ...row, key: 'K-1' }],
			parameters: { idempotencyKeyMode: 'custom', idempotencyKey: '={{ $json.key }}' },
			options: { concurrency: 1 },
			onError: 'continueErrorOutput',
		});
		expect(result.success).toHaveLength(2);
		expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
	});
});

describe('stop mode (the default On Error)', () => {
	it('with concurrency 1 no request is sent after the failing item', async () => {
		const items = rows(5);
		items[2] = { ...items[2], paymentProfileId: 'missing' };
		const result = await runCancel(sandbox(), { items, options: { concurrency: 1 } });
		expect(result.status).toBe('error');
		expect(sandbox().requests.map((r) => r.paymentProfileId)).toEqual(items.slice(0, 3).map((r) => r.paymentProfileId));
	});

	it('the thrown error carries the code, names the key and says how many items were confirmed before the stop', async () => {
		const items = rows(4);
		items[2] = { ...items[2], paymentProfileId: 'missing' };
		const result = await runCancel(sandbox(), { items, options: { concurrency: 1 } });
		expect(result.executionError).toMatchObject({ name: 'NodeApiError', itemIndex: 2, context: expect.objectContaining({ code: 'resource_not_found' }) });
		expect(result.executionError?.description).toContain('`resource_not_found`');
		expect(result.executionError?.description).toMatch(/Idempotency key of this item: `[0-9a-f-]{36}`/);
		expect(result.executionError?.description).toContain('2 of 4 items were confirmed by Mercado Pago before the stop');
	});

	it('a NodeOperationError (input never sent) carries its code too', async () => {
		const items = rows(2);
		const result = await runCancel(sandbox(), { items: [items[0], { customerId: '', paymentProfileId: 'x' }], options: { concurrency: 1 } });
		expect(result.executionError).toMatchObject({ name: 'NodeOperationError', itemIndex: 1, context: expect.objectContaining({ code: 'invalid_input' }) });
		expect(result.executionError?.description).toContain('`invalid_input`');
		expect(result.executionError?.description).toContain('1 of 2 items were confirmed');
	});
});
