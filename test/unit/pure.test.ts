import { backoffDelay } from '../../nodes/MercadoPago/retry/backoff';
import { customKeyProblem, derivedKey } from '../../nodes/MercadoPago/idempotency/keys';
import { normaliseId } from '../../nodes/MercadoPago/shared/ids';
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

// Cross-checked with Python's uuid.uuid5, an implementation independent of the uuid package.
const KNOWN_KEY = 'eb882278-dd32-52af-8b33-8034c1faa1f9';
