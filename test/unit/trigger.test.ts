/**
 * The trigger's modules on their own: the signature check against the notifier's independent
 * signing, the delivery memory's bounds on a fake clock, the options' ranges, the description.
 */
import type { IDataObject } from 'n8n-workflow';
import { MercadoPagoTrigger } from '../../nodes/MercadoPagoTrigger/MercadoPagoTrigger.node';
import { readSettings } from '../../nodes/MercadoPagoTrigger/properties';
import { CredentialCache } from '../../nodes/MercadoPagoTrigger/webhook/credential';
import { RecentDeliveries } from '../../nodes/MercadoPagoTrigger/webhook/deliveries';
import { verifySignature } from '../../nodes/MercadoPagoTrigger/webhook/signature';
import { signatureHeader } from '../sandbox/notifier';

describe('verifySignature', () => {
	const secret = 'the-secret';
	const nowMs = 1_760_000_000_000;
	const ts = String(nowMs / 1000);
	const parts = { requestId: 'req-1', dataId: '123' };
	const check = (header: string | undefined, toleranceSeconds = 0, given: { requestId?: string; dataId?: string } = parts) =>
		verifySignature({ header, requestId: given.requestId, dataId: given.dataId }, { secret, toleranceSeconds, nowMs });

	it('accepts the signature of id, request-id and ts; each part it signs matters', () => {
		const header = signatureHeader(secret, { ...parts, ts });
		expect(check(header)).toEqual({ ok: true });
		expect(check(header, 0, { ...parts, dataId: '124' })).toEqual({ ok: false, problem: 'mismatch' });
		expect(check(header, 0, { ...parts, requestId: 'req-2' })).toEqual({ ok: false, problem: 'mismatch' });
		expect(check(header.replace(`ts=${ts}`, `ts=${Number(ts) + 1}`))).toEqual({ ok: false, problem: 'mismatch' });
	});

	it('leaves out the parts that are absent, as Mercado Pago does', () => {
		expect(check(signatureHeader(secret, { ts }), 0, {})).toEqual({ ok: true });
		expect(check(signatureHeader(secret, { requestId: 'req-1', ts }), 0, { requestId: 'req-1' })).toEqual({ ok: true });
		expect(check(signatureHeader(secret, { dataId: '123', ts }), 0, { dataId: '123' })).toEqual({ ok: true });
	});

	it('reads the header loosely (order, spaces, upper-case hex, other keys) and strictly (ts digits, v1 64 hex)', () => {
		const [tsPart, v1Part] = signatureHeader(secret, { ...parts, ts }).split(',');
		expect(check(` ${v1Part.toUpperCase().replace('V1', 'v1')} , ${tsPart}, v2=abc`)).toEqual({ ok: true });
		expect(check('')).toEqual({ ok: false, problem: 'missing' });
		expect(check(undefined)).toEqual({ ok: false, problem: 'missing' });
		expect(check(v1Part)).toEqual({ ok: false, problem: 'malformed' });
		expect(check(tsPart)).toEqual({ ok: false, problem: 'malformed' });
		expect(check(`ts=12a,${v1Part}`)).toEqual({ ok: false, problem: 'malformed' });
		expect(check(`${tsPart},${v1Part.slice(0, -1)}`)).toEqual({ ok: false, problem: 'malformed' });
	});

	it('accepts a header carrying the right v1 beside a wrong one', () => {
		const header = signatureHeader(secret, { ...parts, ts });
		expect(check(`${header},v1=${'0'.repeat(64)}`)).toEqual({ ok: true });
		expect(check(`ts=${ts},v1=${'0'.repeat(64)},${header.split(',')[1]}`)).toEqual({ ok: true });
	});

	it('the tolerance: 0 is no limit; otherwise ts in seconds or milliseconds, past or future, against it', () => {
		const old = String(nowMs / 1000 - 7200);
		expect(check(signatureHeader(secret, { ...parts, ts: old }))).toEqual({ ok: true });
		expect(check(signatureHeader(secret, { ...parts, ts: old }), 3600)).toEqual({ ok: false, problem: 'outOfTolerance' });
		expect(check(signatureHeader(secret, { ...parts, ts: old }), 7201)).toEqual({ ok: true });
		expect(check(signatureHeader(secret, { ...parts, ts: String(nowMs - 30_000) }), 60)).toEqual({ ok: true });
		expect(check(signatureHeader(secret, { ...parts, ts: String(nowMs + 120_000) }), 60)).toEqual({ ok: false, problem: 'outOfTolerance' });
	});
});

describe('RecentDeliveries', () => {
	const memory = (maxEntries: number, ttlMs: number, inFlightMs: number) => {
		const clock = { now: 0 };
		return { clock, recent: new RecentDeliveries(maxEntries, ttlMs, inFlightMs, () => clock.now) };
	};

	it('a claimed key is in flight until settled; acknowledged, it is delivered for its time to live, then forgotten', () => {
		const { clock, recent } = memory(10, 1000, 100);
		expect(recent.claim('a')).toBe('new');
		expect(recent.claim('a')).toBe('inFlight');
		recent.settle('a', true);
		clock.now = 999;
		expect(recent.claim('a')).toBe('delivered');
		clock.now = 1000;
		expect(recent.claim('a')).toBe('new');
		expect(recent.size).toBe(1);
	});

	it('a delivery not acknowledged (n8n failed to start it) is forgotten: its redelivery is new', () => {
		const { recent } = memory(10, 1000, 100);
		expect(recent.claim('a')).toBe('new');
		recent.settle('a', false);
		expect(recent.claim('a')).toBe('new');
	});

	it('a claim whose answer is never seen ends after the in-flight time', () => {
		const { clock, recent } = memory(10, 1000, 100);
		// 'a' is claimed after 'b' was acknowledged: it expires first though it is not the oldest.
		recent.claim('b');
		recent.settle('b', true);
		recent.claim('a');
		clock.now = 100;
		expect(recent.claim('a')).toBe('new');
		expect(recent.claim('b')).toBe('delivered');
	});

	it('holds at most its bound, forgetting the oldest first', () => {
		const { clock, recent } = memory(3, 1000, 1000);
		for (const key of ['a', 'b', 'c', 'd']) {
			clock.now++;
			expect(recent.claim(key)).toBe('new');
			recent.settle(key, true);
		}
		expect(recent.size).toBe(3);
		expect(recent.claim('d')).toBe('delivered');
		expect(recent.claim('b')).toBe('delivered');
		expect(recent.claim('a')).toBe('new');
	});

	it('drops expired entries as time passes, so memory follows the traffic of the last ttl', () => {
		const { clock, recent } = memory(1000, 100, 100);
		for (let i = 0; i < 500; i++) {
			clock.now = i;
			recent.claim(`k${i}`);
			recent.settle(`k${i}`, true);
		}
		expect(recent.size).toBe(100);
	});
});

describe('CredentialCache', () => {
	const setup = () => {
		const clock = { now: 0 };
		let reads = 0;
		const read = async () => ({ webhookSecret: `secret-${++reads}` });
		return { clock, cache: new CredentialCache(5000, () => clock.now), read, reads: () => reads };
	};

	it('calls arriving together wait for one read; later ones reuse it until it expires, then read again', async () => {
		const { clock, cache, read, reads } = setup();
		const together = await Promise.all([cache.get('cred-1', read), cache.get('cred-1', read), cache.get('cred-1', read)]);
		expect(together.map((c) => c.webhookSecret)).toEqual(['secret-1', 'secret-1', 'secret-1']);
		clock.now = 4999;
		expect((await cache.get('cred-1', read)).webhookSecret).toBe('secret-1');
		clock.now = 5000;
		expect((await cache.get('cred-1', read)).webhookSecret).toBe('secret-2');
		expect(reads()).toBe(2);
	});

	it('keeps credentials apart by id', async () => {
		const { cache, read } = setup();
		expect((await cache.get('cred-1', read)).webhookSecret).toBe('secret-1');
		expect((await cache.get('cred-2', read)).webhookSecret).toBe('secret-2');
	});

	it('holds at most its bound, forgetting the oldest first', async () => {
		const clock = { now: 0 };
		const reads: string[] = [];
		const cache = new CredentialCache(5000, () => clock.now, 2);
		const get = async (id: string) => await cache.get(id, async () => (reads.push(id), { webhookSecret: id }));
		for (const id of ['cred-1', 'cred-2', 'cred-3', 'cred-3', 'cred-2', 'cred-1']) await get(id);
		expect(reads).toEqual(['cred-1', 'cred-2', 'cred-3', 'cred-1']);
	});

	it('does not keep a failed read: the next call reads again', async () => {
		const { cache, read } = setup();
		await expect(cache.get('cred-1', async () => Promise.reject(new Error('database busy')))).rejects.toThrow('database busy');
		expect((await cache.get('cred-1', read)).webhookSecret).toBe('secret-1');
	});
});

describe("the trigger's options", () => {
	const read = (options: IDataObject) => readSettings({ events: ['payment'], acceptUnsigned: false, options });

	it('defaults: read the object within 10 s, no timestamp limit, no dropping', () => {
		expect(read({})).toEqual({
			events: ['payment'],
			acceptUnsigned: false,
			dropRedeliveries: false,
			resolve: true,
			readTimeLimitMs: 10_000,
			toleranceSeconds: 0,
		});
	});

	it('clamps the numbers into their ranges: the read never gets more than 15 s of the 22 s Mercado Pago waits', () => {
		expect(read({ readTimeLimit: 60, timestampTolerance: -5 })).toMatchObject({ readTimeLimitMs: 15_000, toleranceSeconds: 0 });
		expect(read({ readTimeLimit: 0, timestampTolerance: '300' })).toMatchObject({ readTimeLimitMs: 1_000, toleranceSeconds: 300 });
		expect(read({ readTimeLimit: 'soon', timestampTolerance: null })).toMatchObject({ readTimeLimitMs: 10_000, toleranceSeconds: 0 });
	});

	it('accepts unsigned notifications only when the switch is exactly on', () => {
		expect(readSettings({ events: [], acceptUnsigned: 'true', options: {} }).acceptUnsigned).toBe(false);
		expect(readSettings({ events: [], acceptUnsigned: true, options: {} }).acceptUnsigned).toBe(true);
	});
});

describe('the trigger node', () => {
	const { description, webhookMethods } = new MercadoPagoTrigger();

	it('is mercadoPagoTrigger: no inputs, one POST webhook answered on receipt, the mercadoPagoApi credential', () => {
		expect(description).toMatchObject({ name: 'mercadoPagoTrigger', displayName: 'Mercado Pago Trigger', group: ['trigger'], version: 1, inputs: [] });
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }]);
		expect(description.credentials).toEqual([{ name: 'mercadoPagoApi', required: true, testedBy: 'mercadoPagoApiTest' }]);
		expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it("stores Mercado Pago's own topic names, plus any", () => {
		const events = description.properties.find((p) => p.name === 'events')!;
		expect((events.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
			['any', 'automatic-payments', 'payment', 'payment_profile', 'subscription_authorized_payment', 'subscription_preapproval', 'subscription_preapproval_plan'],
		);
		expect(events.default).toEqual([]);
	});

	it('the setup notice says where to paste the URL and where the secret is; the warning shows only with unsigned accepted', () => {
		const [notice] = description.properties;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/Your integrations > \(your application\) > Webhooks > Configure notifications/);
		expect(notice.displayName).toMatch(/notification_url/);
		const warning = description.properties.find((p) => p.name === 'unsignedWarning')!;
		expect(warning.displayOptions).toEqual({ show: { acceptUnsigned: [true] } });
	});
});
