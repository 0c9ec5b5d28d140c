import { backoffDelay } from '../../nodes/MercadoPago/retry/backoff';
import { customKeyProblem, derivedKey } from '../../nodes/MercadoPago/idempotency/keys';
import { normaliseId } from '../../nodes/MercadoPago/shared/ids';
import { Readable } from 'node:stream';
import { MAX_BODY_BYTES, readBounded } from '../../nodes/MercadoPago/transport/body';
import { parseRetryAfter } from '../../nodes/MercadoPago/transport/retryAfter';

describe('backoff', () => {
	const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };
	it('doubles per retry, jittered into [50%, 100%), capped', () => {
		expect(backoffDelay(1, policy, () => 0)).toBe(250);
		expect(backoffDelay(1, policy, () => 0.999999)).toBe(500);
		expect(backoffDelay(3, policy, () => 0)).toBe(1000);
		expect(backoffDelay(20, policy, () => 0.999999)).toBe(30_000);
	});
	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'))).toBe(10_000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('idempotency keys', () => {
	it('derives the interface-fixed UUID v5 (a changed derivation would cancel twice after an upgrade)', () => {
		expect(derivedKey('cancel', ['123456789-abc', '42'])).toBe(KNOWN_KEY);
		expect(derivedKey('cancel', ['123456789-ab', 'c:42'])).not.toBe(KNOWN_KEY);
		// Another write, another name: the same ids never give two acts one key.
		expect(derivedKey('cancel-subscription', ['123456789-abc', '42'])).not.toBe(KNOWN_KEY);
	});
	it('a write that creates derives from the ids and the body, keys sorted: uuidv5("create:<id>:<body JSON>")', () => {
		const gold = derivedKey('create', ['123456789-abc'], { amount: 10, reason: 'Gold' });
		expect(gold).toBe('90413120-123d-5a4b-831f-6cfb419280f1');
		expect(derivedKey('create', ['123456789-abc'], { reason: 'Gold', amount: 10 })).toBe(gold);
		expect(derivedKey('create', ['123456789-abc'], { amount: 20, reason: 'Gold' })).not.toBe(gold);
		expect(derivedKey('create', ['123456789-abc'])).not.toBe(gold);
	});
	it.each([
		['a', undefined],
		['x'.repeat(64), undefined],
		['~!#$%&*+-./0-9:;<=>?@[]^_`{|}', undefined],
		['', 'empty'],
		['x'.repeat(65), '65 characters'],
		['has space', 'visible ASCII'],
		['tab\there', 'visible ASCII'],
		['ñandú', 'visible ASCII'],
	])('custom key %j', (key, problem) => {
		const found = customKeyProblem(key);
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toContain(problem);
	});
});

describe('ids', () => {
	it.each([
		[' abc ', 'abc'],
		[12345, '12345'],
		['a/b?c#d', 'a/b?c#d'],
		['...', '...'],
	])('%j is sent as %j', (input, id) => {
		expect(normaliseId('Customer ID', input)).toEqual({ ok: true, id });
	});
	it.each(['', '   ', '.', '..', 'a\u0000b', 'a\nb', 'a\uD800b', 'a\uDC00', '\uDBFF', null, undefined, {}, NaN])('%j is refused', (input) => {
		expect(normaliseId('Customer ID', input).ok).toBe(false);
	});

	it('a well-formed pair of surrogates (an emoji) is accepted', () => {
		expect(normaliseId('Customer ID', 'a😀b')).toEqual({ ok: true, id: 'a😀b' });
	});
});

describe('bounded body reads', () => {
	it('joins the chunks of a body as they came, multi-byte characters split across them included', async () => {
		const bytes = Buffer.from('{"status":"cancelled","name":"João"}');
		const body = Readable.from([bytes.subarray(0, 33), bytes.subarray(33)]);
		expect(await readBounded(body, undefined)).toEqual({ ok: true, text: bytes.toString('utf8') });
	});
	it('abandons an undeclared body the moment it passes the cap, and reads no further', async () => {
		let pulled = 0;
		const body = new Readable({
			read() {
				pulled++;
				this.push(Buffer.alloc(64 * 1024));
			},
		});
		expect(await readBounded(body, undefined)).toEqual({ ok: false });
		expect(body.destroyed).toBe(true);
		expect(pulled).toBeLessThanOrEqual(MAX_BODY_BYTES / (64 * 1024) + 2);
	});
	it('a body closed before its end, with no error, fails the read instead of leaving it waiting', async () => {
		const body = new Readable({ read() {} });
		body.push('{"status":');
		const read = readBounded(body, undefined);
		setImmediate(() => body.destroy());
		await expect(read).rejects.toThrow('ended before its body did');
	});
});

// Cross-checked with Python's uuid.uuid5, an implementation independent of the uuid package.
const KNOWN_KEY = 'eb882278-dd32-52af-8b33-8034c1faa1f9';
