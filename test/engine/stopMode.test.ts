/**
 * Stop mode (the default On Error) hides nothing that was done: the thrown error names the
 * rows Mercado Pago had confirmed, which with Concurrency above 1 may come after the failing one.
 */
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from './fixtures';

const sandbox = useSandbox();

describe('the stop names the confirmed rows', () => {
	it('with Concurrency 1: the rows before the failing one', async () => {
		const items = seedProfiles(sandbox(), 4);
		items[2] = { ...items[2], paymentProfileId: 'missing' };
		const result = await runCancel(sandbox(), { items, options: { concurrency: 1 } });
		expect(result.executionError?.description).toContain('Items confirmed by Mercado Pago (by item index): 0, 1.');
		expect(result.executionError?.context).toMatchObject({ confirmedItems: 2, confirmedItemIndexes: [0, 1] });
	});

	it('with Concurrency above 1: rows after the failing one that were already in flight are named too', async () => {
		const items = seedProfiles(sandbox(), 4);
		items[1] = { ...items[1], paymentProfileId: 'missing' };
		const result = await runCancel(sandbox(), { items, options: { concurrency: 4 } });
		expect(result.executionError).toMatchObject({ itemIndex: 1, context: expect.objectContaining({ confirmedItemIndexes: [0, 2, 3] }) });
		expect(result.executionError?.description).toContain('3 of 4 items were confirmed by Mercado Pago before the stop');
		for (const i of [0, 2, 3]) expect(sandbox().cancelCount(items[i].customerId, items[i].paymentProfileId)).toBe(1);
	});

	it('names the first 50 and counts the rest', async () => {
		const items = seedProfiles(sandbox(), 60);
		items[59] = { ...items[59], paymentProfileId: 'missing' };
		const result = await runCancel(sandbox(), { items, options: { concurrency: 64 } });
		const named = Array.from({ length: 50 }, (_, i) => i);
		expect(result.executionError?.context).toMatchObject({ confirmedItems: 59, confirmedItemIndexes: named });
		expect(result.executionError?.description).toContain(`(by item index): ${named.join(', ')}, and 9 more.`);
	});
});
