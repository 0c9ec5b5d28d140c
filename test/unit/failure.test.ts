import { codeForStatus, DOCUMENTED_CODES } from '../../nodes/MercadoPago/errors/catalogue';
import { fromResponse } from '../../nodes/MercadoPago/errors/failure';
import { wordsFor } from '../../nodes/MercadoPago/errors/itemErrors';

// Every body shape mercadopago-api.md lists, and where the code may hide in each.
describe('fromResponse reads every known error body shape', () => {
	it.each([
		['classic, code in cause[].code', 400, { message: 'bad', error: 'bad_request', status: 400, cause: [{ code: 'customer_id_mismatch', description: 'x' }] }, 'customer_id_mismatch'],
		['cause as a single object', 400, { message: 'bad', error: 'bad_request', cause: { code: 'site_id_mismatch' } }, 'site_id_mismatch'],
		['cause null, code in error', 400, { message: 'm', error: 'caller_id_mismatch', status: 400, cause: null }, 'caller_id_mismatch'],
		['status as a string', 400, { message: 'm', error: 'unknown_error_occurred', status: '400' }, 'unknown_error_occurred'],
		['cause items with message', 404, { error: 'not_found', cause: [{ code: 'resource_not_found', message: 'gone' }] }, 'resource_not_found'],
		['code only in message', 401, { message: 'Unauthorized Access Token', status: 401 }, 'unauthorized_access_token'],
		['header_missing in code', 401, { code: 'header_missing', message: 'a header is missing' }, 'header_missing'],
		['newer shape with details', 400, { code: 'customer_id_mismatch', message: 'm', details: ['x'] }, 'customer_id_mismatch'],
		['errors array', 400, { errors: [{ code: 'site_id_mismatch', message: 'm' }] }, 'site_id_mismatch'],
		['documented wins over generic, in any order', 400, { error: 'bad_request', code: 'customer_id_mismatch' }, 'customer_id_mismatch'],
	])('%s', (_label, status, body, code) => {
		expect(fromResponse(status, body).code).toBe(code);
	});

	it.each([
		[401, { error: 'unauthorized' }, 'unauthorized_access_token'],
		[401, undefined, 'unauthorized_access_token'],
		[404, { error: 'not_found', message: 'nope' }, 'resource_not_found'],
		[429, 'Too many', 'too_many_requests'],
		[502, '<html>bad gateway</html>', 'internal_server_error'],
		[503, { error: 'some_new_code' }, 'internal_server_error'],
	])('without a documented code, status %i decides', (status, body, code) => {
		expect(fromResponse(status, body).code).toBe(code);
	});

	it.each([
		[409, { error: 'idempotency_key_already_used', message: 'used', status: 409 }, 'idempotency_key_already_used'],
		[400, { error: 'bad_request', cause: [{ code: 'invalid_payer', description: 'x' }] }, 'invalid_payer'],
		[400, { error: 'bad_request', cause: [{ code: 2067, description: 'numeric' }] }, 'bad_request'],
		[422, { message: 'The process could not be completed. Please verify.' }, 'http_422'],
		[418, undefined, 'http_418'],
	])('an undocumented answer keeps the code Mercado Pago sent, else http_<status> (%i)', (status, body, code) => {
		const failure = fromResponse(status, body);
		expect(failure.code).toBe(code);
		expect(failure.httpStatus).toBe(status);
		expect(wordsFor(failure, { kind: 'read', subject: 'customer' }).message).not.toBe('');
	});

	it('a documented code takes its words from the catalogue, in the operation\'s own nouns', () => {
		const failure = fromResponse(400, { error: 'customer_id_mismatch' });
		expect(failure).toMatchObject({ code: 'customer_id_mismatch', httpStatus: 400, retryable: false, response: { error: 'customer_id_mismatch' } });
		expect(wordsFor(failure, { kind: 'write', subject: 'payment profile', act: 'cancellation' })).toEqual({
			message: 'The payment profile does not belong to this customer',
			description: 'The customer ID sent does not match the payment profile. Check that both IDs come from the same customer and try again.',
		});
	});

	it('advice differs for a write (it may or may not have happened) and a read (always safe to repeat)', () => {
		const timeout = { code: 'timeout', httpStatus: null, retryable: true };
		const write = wordsFor(timeout, { kind: 'write', subject: 'subscription', act: 'pause', check: 'Subscription > Get' });
		const read = wordsFor(timeout, { kind: 'read', subject: 'subscription' });
		expect(write.description).toMatch(/The pause may or may not have happened/);
		expect(read.description).toMatch(/reading changes nothing/);
		expect(read.description).not.toMatch(/\{|\}/);
	});

	it('documented codes and the status fallback are read from the catalogue', () => {
		expect([...DOCUMENTED_CODES].sort()).toEqual([
			'caller_id_mismatch',
			'customer_id_mismatch',
			'header_missing',
			'internal_server_error',
			'resource_not_found',
			'site_id_mismatch',
			'too_many_requests',
			'unauthorized_access_token',
			'unknown_error_occurred',
		]);
		expect([401, 404, 429, 500, 502, 400].map(codeForStatus)).toEqual([
			'unauthorized_access_token',
			'resource_not_found',
			'too_many_requests',
			'internal_server_error',
			'internal_server_error',
			undefined,
		]);
	});

	it('marks 429, 5xx and the in-progress 409 retryable, and nothing else', () => {
		expect(fromResponse(429, {}).retryable).toBe(true);
		expect(fromResponse(500, {}).retryable).toBe(true);
		expect(fromResponse(409, { message: 'The process has not been completed yet. Try again later.', status: '409' }).retryable).toBe(true);
		expect(fromResponse(409, { error: 'idempotency_key_already_used' }).retryable).toBe(false);
		expect(fromResponse(400, { error: 'customer_id_mismatch' }).retryable).toBe(false);
		expect(fromResponse(404, {}).retryable).toBe(false);
	});
});
