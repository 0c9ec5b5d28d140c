/**
 * Big batches of Payment Profile > Cancel: the rows, and the invariants every batch keeps
 * whatever the network or the limiter does. Shared by the engine's fault runs (npm test) and
 * the slow lane's runs against real-time limiters and memory.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../sandbox/server';
import type { RunResult } from './harness';
import { runCancel } from './runMercadoPago';

/** `n` rows of READY profiles, ten per customer, as a sheet would list them. */
export function batchRows(sandbox: Sandbox, n: number): IDataObject[] {
	return sandbox
		.seed(Math.ceil(n / 10), 10)
		.flatMap(({ customer, profiles }) => profiles.map((profile) => ({ customerId: customer.id, paymentProfileId: profile.id })))
		.slice(0, n);
}

/** Fails any test of the file that leaves a rejection nobody handled: a batch must leave none. */
export function failOnUnhandledRejections(): void {
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);
	beforeAll(() => process.on('unhandledRejection', onUnhandled));
	afterAll(() => process.off('unhandledRejection', onUnhandled));
	beforeEach(() => (unhandled.length = 0));
	afterEach(() => expect(unhandled).toEqual([]));
}

/** Cancels `n` new rows, failures to the error output, and checks the invariants below. */
export async function cancelBatch(sandbox: Sandbox, n: number, options: IDataObject): Promise<RunResult> {
	const rows = batchRows(sandbox, n);
	const result = await runCancel(sandbox, { items: rows, onError: 'continueErrorOutput', options });
	expectInvariants(sandbox, rows, result);
	return result;
}

/**
 * Every input item came out exactly once, each output in input order; no profile changed
 * twice; every attempt of one item carried the same key; every success is a profile Mercado
 * Pago cancelled.
 */
export function expectInvariants(sandbox: Sandbox, rows: IDataObject[], result: RunResult): void {
	expect(result.status).toBe('success');
	const seen = [...result.success, ...result.error].map((i) => (i.pairedItem as { item: number }).item);
	expect(seen.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
	for (const output of [result.success, result.error]) {
		const order = output.map((i) => (i.pairedItem as { item: number }).item);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	}

	const keysByProfile = new Map<string, Set<string | undefined>>();
	for (const request of sandbox.requests) {
		if (request.route !== 'cancel') continue;
		const id = `${request.customerId}/${request.paymentProfileId}`;
		if (!keysByProfile.has(id)) keysByProfile.set(id, new Set());
		keysByProfile.get(id)!.add(request.idempotencyKey);
	}
	for (const row of rows) {
		const id = `${row.customerId}/${row.paymentProfileId}`;
		expect(sandbox.cancelCount(String(row.customerId), String(row.paymentProfileId))).toBeLessThanOrEqual(1);
		expect(keysByProfile.get(id)?.size ?? 0).toBeLessThanOrEqual(1);
	}
	for (const item of result.success) {
		expect(item.json.success).toBe(true);
		expect(sandbox.getProfile(String(item.json.customerId), String(item.json.paymentProfileId))?.status).toBe('CANCELLED');
	}
}
