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

/** Waits until `condition` holds (the sandbox saw what the test waits for), at most 10 s. */
async function until(condition: () => boolean): Promise<void> {
	for (let waited = 0; !condition(); waited += 5) {
		if (waited > 10_000) throw new Error('the condition never held');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

const stoppedItems = (result: Awaited<ReturnType<typeof runCancel>>) => result.raw.data.resultData.runData['Mercado Pago']?.[0]?.data?.main ?? [];

describe('Stop', () => {
	it('during a retry wait ends the item as cancelled, not as the failure it was waiting out', async () => {
		const [row] = seedProfiles(sandbox(), 1);
		// A 500 asking for 30 s: the item is certainly waiting when the stop comes.
		sandbox().inject({ kind: 'status', status: 500, retryAfter: 30, body: { error: 'internal_server_error' } });
		const stop = new AbortController();
		const running = runCancel(sandbox(), { items: [row], signal: stop.signal, onError: 'continueErrorOutput' });
		await until(() => sandbox().requests[0]?.status === 500);
		stop.abort();
		const [, errors] = stoppedItems(await running);
		expect(errors?.map((i) => i.json.error)).toEqual([expect.objectContaining({ code: 'cancelled', attempts: 1 })]);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('in stop mode, an item stopped in its retry wait is reported, not thrown as a failure', async () => {
		const [row] = seedProfiles(sandbox(), 1);
		sandbox().inject({ kind: 'status', status: 500, retryAfter: 30, body: { error: 'internal_server_error' } });
		const stop = new AbortController();
		const running = runCancel(sandbox(), { items: [row], signal: stop.signal });
		await until(() => sandbox().requests[0]?.status === 500);
		stop.abort();
		const result = await running;
		expect(result.executionError?.context?.code).toBeUndefined();
		const [output] = stoppedItems(result);
		expect(output?.map((i) => (i.json.error as { code: string }).code)).toEqual(['cancelled']);
	});

	it('a request stopped after it was sent counts in attempts: it may have reached Mercado Pago', async () => {
		const [row] = seedProfiles(sandbox(), 1);
		sandbox().inject({ kind: 'hang' });
		const stop = new AbortController();
		const running = runCancel(sandbox(), { items: [row], signal: stop.signal, onError: 'continueErrorOutput', options: { timeout: 60_000 } });
		await until(() => sandbox().requests.length === 1);
		stop.abort();
		const [, errors] = stoppedItems(await running);
		expect(errors?.map((i) => i.json.error)).toEqual([expect.objectContaining({ code: 'cancelled', attempts: 1 })]);
		expect((errors?.[0].json.error as { description: string }).description).toMatch(/may or may not have happened/);
	});
});
