/**
 * An account that cannot be reached fails the run in seconds, not an hour: once several
 * connections in a row, from more than one item, are refused (or the host does not resolve),
 * no more are tried, and the items waiting out a retry fail at once. Counts only here; the
 * times are measured in test/slow/unreachable.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { TRIP_AFTER, Unreachable } from '../../nodes/MercadoPago/transport/unreachable';
import type { RunResult } from '../harness/harness';
import { closedPortUrl } from '../harness/closedPort';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { startSandbox } from '../sandbox/server';
import { seedProfiles } from './fixtures';

const sandbox = useSandbox();


const errorsOf = (result: RunResult) => result.error.map((i) => i.json.error as IDataObject);
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ customerId: `cus-${i}`, paymentProfileId: `${7_000_000 + i}` }));

describe('a Base URL where nothing listens', () => {
	it('64 rows with the default options: every row fails with network_error, and no connection is tried after the trip', async () => {
		const result = await runCancel(sandbox(), { items: rows(64), baseUrl: await closedPortUrl(), options: { maxRetries: 3 }, onError: 'continueErrorOutput' });
		const errors = errorsOf(result);
		expect(result.success).toEqual([]);
		expect(errors).toHaveLength(64);
		for (const error of errors) expect(error).toMatchObject({ code: 'network_error', retryable: true });
		const attempts = errors.reduce((sum, e) => sum + Number(e.attempts), 0);
		// Each row on its own retries would try 64 x 4 = 256 connections. The gate lets one go
		// at a time until an answer comes, so the trip comes after TRIP_AFTER, with at most the
		// run's Concurrency (8) already on their way.
		expect(attempts).toBeGreaterThanOrEqual(TRIP_AFTER);
		expect(attempts).toBeLessThanOrEqual(8);
		const untried = errors.filter((e) => e.attempts === 0);
		expect(untried.length).toBeGreaterThanOrEqual(56);
		expect(untried[0].message).toMatch(/connections in a row failed before reaching Mercado Pago \(the last: ECONNREFUSED: .*\), so no more were tried$/);
	});

	it('one row alone keeps its own retries: the breaker needs more than one item', async () => {
		const result = await runCancel(sandbox(), { items: rows(1), baseUrl: await closedPortUrl(), options: { maxRetries: 1 }, onError: 'continueErrorOutput' });
		expect(errorsOf(result)).toEqual([expect.objectContaining({ code: 'network_error', attempts: 2, message: expect.stringContaining('ECONNREFUSED') })]);
	});

	it('an item waiting out a long Retry-After fails at once when the account stops answering', async () => {
		// The account answers, then goes away: item 0 waits out a 503's 60 s while the others,
		// cut off mid-request, retry into a closed port. Without the wake it would wait 60 s.
		const own = await startSandbox();
		const items = seedProfiles(own, 6);
		own.inject({ kind: 'status', status: 503, retryAfter: 60, body: { error: 'service_unavailable' }, match: { paymentProfileId: items[0].paymentProfileId } });
		own.inject({ kind: 'hang', times: 5 });
		const running = runCancel(own, { items, options: { concurrency: 6, maxRetries: 3 }, onError: 'continueErrorOutput' });
		while (own.requests.length < 6 || own.requests[0].status !== 503) await new Promise((resolve) => setTimeout(resolve, 5));
		await own.close();
		const errors = errorsOf(await running);
		expect(errors).toHaveLength(6);
		expect(errors[0]).toMatchObject({ code: 'network_error', attempts: 1, message: expect.stringContaining('connections in a row failed') });
	}, 30_000);
});

describe('what keeps the per-item retries', () => {
	it.each([
		['a 5xx', { kind: 'status' as const, status: 500, times: 100 }, 'internal_server_error'],
		['a dropped connection', { kind: 'reset' as const, times: 100 }, 'network_error'],
	])('%s on every row: each row tries Max Retries + 1 times', async (_label, fault, code) => {
		const items = seedProfiles(sandbox(), 6);
		sandbox().inject(fault);
		const result = await runCancel(sandbox(), { items, options: { maxRetries: 1 }, onError: 'continueErrorOutput' });
		expect(errorsOf(result).map((e) => [e.code, e.attempts])).toEqual(items.map(() => [code, 2]));
		expect(sandbox().requests).toHaveLength(12);
	});
});

describe('the breaker', () => {
	const refused = (breaker: Unreachable, call: object) => breaker.failed(call, 'ECONNREFUSED', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');

	it('trips after TRIP_AFTER refusals in a row from two calls, and aborts its signal', () => {
		const breaker = new Unreachable();
		const [a, b] = [{}, {}];
		for (let i = 0; i < 2 * TRIP_AFTER; i++) refused(breaker, a);
		expect(breaker.tripped).toBe(false);
		refused(breaker, b);
		expect(breaker.tripped).toBe(true);
		expect(breaker.signal.aborted).toBe(true);
	});

	it('counts only failures that prove nothing was sent; any answer resets it', () => {
		const breaker = new Unreachable();
		const [a, b] = [{}, {}];
		for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'ETIMEDOUT', undefined]) for (let i = 0; i < TRIP_AFTER; i++) breaker.failed(a, code, code ?? '');
		expect(breaker.tripped).toBe(false);
		for (let i = 0; i < TRIP_AFTER - 1; i++) refused(breaker, i % 2 ? a : b);
		breaker.answered();
		refused(breaker, a);
		expect(breaker.tripped).toBe(false);
		for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) breaker.failed(b, code, code);
		expect(breaker.tripped).toBe(true);
	});
});
