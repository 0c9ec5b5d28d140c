/**
 * An unreachable account fails the run in seconds (issue: 64 rows in under 5 s, 5,000 in
 * under 10 s, default options). Measured against a Base URL where nothing listens and one
 * whose name does not resolve, each against what the same rows cost when they fail before
 * any connection (the engine's own work for that many error items): the breaker may add at
 * most what one row's own default retries would wait, whatever the number of rows.
 */
import type { IDataObject } from 'n8n-workflow';
import { DEFAULT_BACKOFF } from '../../nodes/MercadoPago/retry/backoff';
import { closedPortUrl } from '../harness/closedPort';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

/** The default Max Retries. */
const DEFAULT_RETRIES = 3;
/** The longest one row's own retries wait with the default options: 0.5 + 1 + 2 s. */
const ONE_ROW_OF_RETRIES_MS = Array.from({ length: DEFAULT_RETRIES }, (_, i) =>
	Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.baseDelayMs * 2 ** i),
).reduce((a, b) => a + b, 0);


const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ customerId: `cus-${i}`, paymentProfileId: `${7_000_000 + i}` }));

/** Milliseconds one run of `n` rows takes (default options), and the codes its rows failed with. */
async function timed(n: number, baseUrl: string): Promise<{ ms: number; codes: Set<unknown> }> {
	sandbox().newCredential(); // a fresh account: nothing learnt by the run before
	const started = performance.now();
	const result = await runCancel(sandbox(), { items: rows(n), baseUrl, options: { maxRetries: DEFAULT_RETRIES }, onError: 'continueErrorOutput' });
	const ms = performance.now() - started;
	expect(result.error).toHaveLength(n);
	return { ms, codes: new Set(result.error.map((i) => (i.json.error as IDataObject).code)) };
}

describe('an unreachable account fails the run in seconds', () => {
	const measured: string[] = [];
	afterAll(() => console.log(`unreachable account, default options:\n${measured.join('\n')}`));

	it.each([64, 5_000])('%i rows', async (n) => {
		// The same rows refused before any connection (plain http to a remote host): the engine's own cost.
		const baseline = await timed(n, 'http://api.mercadopago.com');
		expect(baseline.codes).toEqual(new Set(['invalid_credential']));
		for (const [label, baseUrl] of [
			['refused (closed loopback port)', await closedPortUrl()],
			['unresolvable (https://nothing.invalid)', 'https://nothing.invalid'],
		]) {
			const run = await timed(n, baseUrl);
			measured.push(`  ${n} rows, ${label}: ${(run.ms / 1000).toFixed(2)} s (rows failing before any connection: ${(baseline.ms / 1000).toFixed(2)} s)`);
			expect(run.codes).toEqual(new Set(['network_error']));
			expect(run.ms).toBeLessThan(baseline.ms + ONE_ROW_OF_RETRIES_MS);
		}
	});
});
