/**
 * The 429 path inside n8n-core's engine, against the sandbox: a 429 is not the item's failure.
 * It spends no retry, keeps the item's key, and only the Rate Limit Wait ends it.
 */
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith } from '../engine/fixtures';

const sandbox = useSandbox();

test('an item refused by the rate limit five times succeeds with Max Retries 0, sent again with its one key', async () => {
	const row = profileWith(sandbox(), {});
	sandbox().inject({ kind: 'status', status: 429, retryAfter: 0, times: 5 });
	const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput', options: { maxRetries: 0 } });
	expect(result.error).toEqual([]);
	expect(result.success[0].json).toMatchObject({ success: true, attempts: 6 });
	const keys = new Set(sandbox().requests.map((r) => r.idempotencyKey));
	expect(keys.size).toBe(1);
	expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
});

test('Max Retries still counts 5xx answers, after the 429s that came first', async () => {
	const row = profileWith(sandbox(), {});
	sandbox().inject({ kind: 'status', status: 429, retryAfter: 0, times: 3 });
	sandbox().inject({ kind: 'status', status: 500, times: 5 });
	const result = await runCancel(sandbox(), { items: [row], onError: 'continueErrorOutput', options: { maxRetries: 1 } });
	expect(result.error[0].json.error).toMatchObject({ code: 'internal_server_error', attempts: 5 });
});
