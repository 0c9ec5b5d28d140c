/**
 * Safe by default: version 2 starts on a read, Cancel warns and can be tried as a dry run,
 * an already cancelled profile is an outcome, and the run ends with a summary of its rows.
 */
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import type { RunResult } from '../harness/harness';
import { CANCEL_FROM_ROWS, runCancel, runOperation } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { seedProfiles } from './fixtures';

const versionDescription = new MercadoPago().description;

const sandbox = useSandbox();

const profiles = (statuses: Array<'READY' | 'CANCELLED'>) =>
	seedProfiles(sandbox(), statuses.map((status) => ({ status })), { email: 'ana@example.com' });

const hintsOf = (result: RunResult) =>
	(result.raw.data.resultData.runData['Mercado Pago']?.[0]?.hints ?? []).map((h) => h.message);

/** The parameters n8n stores for a node of that version when nothing was changed. */
const defaultsOf = (typeVersion: number, parameters: INodeParameters = {}) =>
	NodeHelpers.getNodeParameters(versionDescription.properties, parameters, true, false, { typeVersion } as never, null);

describe('node version 2', () => {
	it('a new node, or a new AI tool, is version 2 and starts on Customer > Search (read-only)', () => {
		expect(versionDescription.defaultVersion).toBe(2);
		expect(defaultsOf(2)).toMatchObject({ resource: 'customer', operation: 'search' });
		expect(defaultsOf(2, { resource: 'paymentProfile' })).toMatchObject({ operation: 'getAll' });
	});

	it('version 1 keeps every default: Payment Profile > Cancel', () => {
		expect(defaultsOf(1)).toMatchObject({ resource: 'paymentProfile', operation: 'cancel' });
	});

	it('a workflow saved with version 1 defaults (no resource, no operation stored) still cancels', async () => {
		const [row] = profiles(['READY']);
		const saved = { ...CANCEL_FROM_ROWS };
		delete saved.resource;
		delete saved.operation;
		const result = await runOperation(sandbox(), { items: [row], parameters: saved, typeVersion: 1 });
		expect(result.success[0].json).toMatchObject({ success: true, status: 'CANCELLED' });
		expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(1);
	});

	it('the same stored parameters in version 2 only search: nothing is cancelled', async () => {
		const [row] = profiles(['READY']);
		const result = await runOperation(sandbox(), { items: [row], parameters: { email: 'ana@example.com' }, typeVersion: 2 });
		expect(result.success[0].json).toMatchObject({ email: 'ana@example.com' });
		expect(sandbox().requests.map((r) => r.route)).toEqual(['search']);
	});

	it('Cancel opens with a notice that it cannot be undone, pointing at the error output and a dry run', () => {
		const notice = versionDescription.properties.find((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('cancel'));
		expect(notice?.displayName).toMatch(/cannot be undone.*On Error.*Continue \(using error output\).*Dry Run/);
		expect(versionDescription.properties.indexOf(notice!)).toBeLessThan(
			versionDescription.properties.findIndex((p) => p.name === 'customerId' && p.displayOptions?.show?.operation?.includes('cancel')),
		);
	});
});

describe('Cancel > Options > Dry Run', () => {
	it('reads each profile, sends no cancel and no key, and says what a real run would do', async () => {
		const rows = profiles(['READY', 'CANCELLED']);
		const result = await runCancel(sandbox(), { items: rows, options: { dryRun: true }, onError: 'continueErrorOutput' });
		expect(result.success.map((i) => i.json)).toEqual([
			{ dryRun: true, wouldCancel: true, currentStatus: 'READY', ...rows[0], idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
			{ dryRun: true, wouldCancel: false, currentStatus: 'CANCELLED', ...rows[1], idempotencyKey: expect.any(String) },
		]);
		expect(sandbox().requests.map((r) => [r.method, r.route, r.idempotencyKey])).toEqual([
			['GET', 'get', undefined],
			['GET', 'get', undefined],
		]);
		for (const row of rows) expect(sandbox().cancelCount(row.customerId, row.paymentProfileId)).toBe(0);
	});

	it('shows the key the real run then sends', async () => {
		const [row] = profiles(['READY']);
		const dry = await runCancel(sandbox(), { items: [row], options: { dryRun: true } });
		const real = await runCancel(sandbox(), { items: [row] });
		expect(real.success[0].json.idempotencyKey).toBe(dry.success[0].json.idempotencyKey);
	});

	it('rows a real run would fail go to the error output with the codes a real run gives', async () => {
		const [ok] = profiles(['READY']);
		const other = sandbox().addCustomer({});
		const items = [
			ok,
			{ customerId: ok.customerId, paymentProfileId: 'missing' },
			{ customerId: other.id, paymentProfileId: ok.paymentProfileId },
			{ customerId: ' ', paymentProfileId: ok.paymentProfileId },
		];
		const dry = await runCancel(sandbox(), { items, options: { dryRun: true }, onError: 'continueErrorOutput' });
		const codes = (result: RunResult) => result.error.map((i) => [i.pairedItem, (i.json.error as { code: string }).code]);
		expect(codes(dry)).toEqual([
			[{ item: 1 }, 'resource_not_found'],
			[{ item: 2 }, 'customer_id_mismatch'],
			[{ item: 3 }, 'invalid_input'],
		]);
		expect(hintsOf(dry)).toEqual(['1 would cancel, 3 would fail: see the Error output']);
		expect((dry.error[0].json.error as { description: string }).description).not.toMatch(/may or may not/);
	});

	it('a clean dry run, where every row would succeed, still shows its summary', async () => {
		const rows = profiles(['READY', 'READY', 'CANCELLED']);
		const dry = await runCancel(sandbox(), { items: rows, options: { dryRun: true } });
		expect(hintsOf(dry)).toEqual(['2 would cancel, 1 already cancelled']);
	});

	it('with Random per Execution keys, the dry run shows no key: the real run makes its own', async () => {
		const [row] = profiles(['READY']);
		const parameters = { idempotencyKeyMode: 'random' };
		const dry = await runCancel(sandbox(), { items: [row], parameters, options: { dryRun: true } });
		expect(dry.success[0].json).toMatchObject({
			dryRun: true,
			idempotencyKey: null,
			idempotencyKeyNote: 'Random per Execution: the real run makes its own key',
		});
		const real = await runCancel(sandbox(), { items: [row], parameters });
		expect(real.success[0].json.idempotencyKey).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
	});

	it('a dry run that meets a server error gives a read\'s advice: nothing may have been cancelled', async () => {
		const [row] = profiles(['READY']);
		sandbox().inject({ kind: 'status', status: 500, body: { error: 'internal_server_error' }, times: 10 });
		const dry = await runCancel(sandbox(), { items: [row], options: { dryRun: true, maxRetries: 1 }, onError: 'continueErrorOutput' });
		const { code, description } = dry.error[0].json.error as { code: string; description: string };
		expect(code).toBe('internal_server_error');
		expect(description).not.toMatch(/may or may not/);
		expect(description).toMatch(/reading changes nothing/);
	});
});

describe('already cancelled is an outcome', () => {
	it('Mercado Pago refusing with a 400 (any code) while the profile reads CANCELLED: success, alreadyCancelled, status read back', async () => {
		const rows = profiles(['CANCELLED', 'READY']);
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		const result = await runCancel(sandbox(), { items: rows, onError: 'continueErrorOutput' });
		expect(result.success.map((i) => [i.json.alreadyCancelled, i.json.status, i.json.attempts])).toEqual([
			[true, 'CANCELLED', 2],
			[false, 'CANCELLED', 1],
		]);
		expect(sandbox().requests.filter((r) => r.route === 'get').map((r) => r.paymentProfileId)).toEqual([rows[0].paymentProfileId]);
	});

	it('with Already Cancelled Is a Success off, that refusal is the error it was', async () => {
		const [row] = profiles(['CANCELLED']);
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		const result = await runCancel(sandbox(), { items: [row], options: { alreadyCancelledIsSuccess: false }, onError: 'continueErrorOutput' });
		expect(result.error[0].json.error).toMatchObject({ code: 'profile_already_cancelled', httpStatus: 400 });
		expect(sandbox().requests.map((r) => r.route)).toEqual(['cancel']);
	});

	it('a 400 about ownership is not checked: reading the profile would refuse the same way', async () => {
		const [row] = profiles(['READY']);
		const other = sandbox().addCustomer({});
		const result = await runCancel(sandbox(), { items: [{ ...row, customerId: other.id }], onError: 'continueErrorOutput' });
		expect(result.error[0].json.error).toMatchObject({ code: 'customer_id_mismatch' });
		expect(sandbox().requests.map((r) => r.route)).toEqual(['cancel']);
	});

	it('Mercado Pago answering 204 for a cancelled profile cannot be told from a fresh cancellation: alreadyCancelled false', async () => {
		const [row] = profiles(['CANCELLED']);
		const result = await runCancel(sandbox(), { items: [row] });
		expect(result.success[0].json).toMatchObject({ success: true, status: 'CANCELLED', alreadyCancelled: false });
	});

	it('only Mercado Pago says what is cancelled: a row whose own fields say CANCELLED is still sent', async () => {
		// A sheet's status column ("to cancel"), or a Get Many's output: the node cannot know which.
		const [stillReady, cancelled] = profiles(['READY', 'CANCELLED']);
		const rows = [stillReady, cancelled].map((row) => ({ ...row, id: row.paymentProfileId, status: 'CANCELLED' }));
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		const result = await runCancel(sandbox(), { items: rows });
		expect(result.success.map((i) => [i.json.alreadyCancelled, i.json.attempts])).toEqual([
			[false, 1],
			[true, 2],
		]);
		expect(sandbox().requests.map((r) => r.route)).toEqual(['cancel', 'cancel', 'get']);
		expect(sandbox().getProfile(stillReady.customerId, stillReady.paymentProfileId)?.status).toBe('CANCELLED');
	});
});

describe('the batch summary', () => {
	it('counts each outcome above the output, and points at the Error output', async () => {
		const rows = profiles(['READY', 'READY', 'READY', 'CANCELLED']);
		sandbox().behaviour.alreadyCancelled = { status: 400, code: 'profile_already_cancelled' };
		const items = [...rows, ...['a', 'b', 'c'].map((id) => ({ customerId: rows[0].customerId, paymentProfileId: id }))];
		const result = await runCancel(sandbox(), { items, onError: 'continueErrorOutput' });
		expect(result.success).toHaveLength(4);
		expect(hintsOf(result)).toEqual(['3 cancelled, 1 already cancelled, 3 failed: see the Error output']);
	});

	it('a read says nothing when every item succeeded', async () => {
		profiles(['READY']);
		const result = await runOperation(sandbox(), { parameters: { resource: 'customer', operation: 'search', email: 'ana@example.com' }, items: [{}] });
		expect(hintsOf(result)).toEqual([]);
	});
});

describe('small things', () => {
	it('Customer > Search with an address that has no @ fails that item with invalid_input saying why', async () => {
		const result = await runOperation(sandbox(), {
			parameters: { resource: 'customer', operation: 'search', email: '={{ $json.email }}' },
			items: [{ email: 'ana.example.com' }, { email: 'ana@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no @') });
		expect(sandbox().requests).toHaveLength(1);
	});

	it('Timeout says its unit', () => {
		const timeouts = versionDescription.properties.flatMap((p) => (p.name === 'options' ? (p.options as Array<{ name: string; displayName: string }>) : [])).filter((o) => o.name === 'timeout');
		expect(timeouts.length).toBeGreaterThan(0);
		for (const timeout of timeouts) expect(timeout.displayName).toBe('Timeout (Milliseconds)');
	});
});
