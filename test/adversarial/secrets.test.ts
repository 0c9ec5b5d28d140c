/**
 * The token never leaks, whatever a server echoes back; a Base URL never sends it in the
 * clear or shows a password written into it; what cannot be sent is refused before anything is.
 */
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { testCredential } from '../harness/credentialTest';
import type { EchoEncoding } from '../sandbox/server';
import { everything, runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith } from '../engine/fixtures';

const TOKEN = 'APP_USR-1234567890123456-010203-abcdef0123456789abcdef0123456789-987654321';

const sandbox = useSandbox({ token: TOKEN });

const row = () => profileWith(sandbox());

const errorOf = (result: { error: Array<{ json: { error?: unknown } }> }) => result.error[0].json.error as Record<string, unknown>;

/** Every form of the token a leak could take in what n8n stores, once escapes are read back. */
function leaks(text: string): boolean {
	const decoded = text
		.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)));
	const forms = [TOKEN, TOKEN.toUpperCase(), Buffer.from(TOKEN).toString('base64')];
	return forms.some((form) => text.includes(form) || decoded.includes(form));
}

describe('echoes of the token', () => {
	const encodings: EchoEncoding[] = ['raw', 'jsonEscaped', 'percent', 'base64', 'htmlEntities', 'upperCase', 'header'];
	it.each(encodings)('echoed as %s, it is in no output, error or thrown message', async (encoding) => {
		const item = row();
		sandbox().inject({ kind: 'echoToken', encoding });
		const continued = await runCancel(sandbox(), { items: [item], token: TOKEN, onError: 'continueErrorOutput' });
		expect(continued.error).toHaveLength(1);
		sandbox().inject({ kind: 'echoToken', encoding });
		const stopped = await runCancel(sandbox(), { items: [item], token: TOKEN });
		expect(stopped.status).toBe('error');
		for (const result of [continued, stopped]) expect(leaks(everything(result))).toBe(false);
	});

	it('a 2xx that echoes it is redacted too', async () => {
		const item = row();
		sandbox().inject({ kind: 'echoToken', encoding: 'jsonEscaped', status: 200 });
		const result = await runCancel(sandbox(), { items: [item], token: TOKEN, onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'unexpected_response' });
		expect(leaks(everything(result))).toBe(false);
	});
});

describe('the Base URL', () => {
	it.each([
		['https://user:s3cr3t-pass@api.mercadopago.com', 'user name or password'],
		['http://api.mercadopago.com', 'must use https://'],
		['http://10.255.255.1:9', 'must use https://'],
		['ftp://api.mercadopago.com', 'must use https://'],
		['https://api.mercadopago.com?debug=1', 'must not hold a query'],
		['not a url', 'is not a valid URL'],
	])('%j fails every item with invalid_credential before a request is sent', async (baseUrl, words) => {
		const items = [row(), row()];
		const result = await runCancel(sandbox(), { items, baseUrl, onError: 'continueErrorOutput' });
		expect(result.error).toHaveLength(2);
		for (const failed of result.error) {
			expect(failed.json.error).toMatchObject({ code: 'invalid_credential', attempts: 0, retryable: false });
			expect((failed.json.error as { message: string }).message).toContain(words);
		}
		expect(everything(result)).not.toContain('s3cr3t-pass');
		expect(sandbox().requests).toEqual([]);
	});

	it.each(['http://127.0.0.1', 'http://localhost', 'http://[::1]'])('%s (a sandbox on this machine) may be plain http', async (host) => {
		const item = row();
		const baseUrl = sandbox().url.replace('http://127.0.0.1', host);
		const result = await runCancel(sandbox(), { items: [item], baseUrl, options: { maxRetries: 0 }, onError: 'continueErrorOutput' });
		if (host === 'http://[::1]') {
			// The sandbox listens on IPv4 only: the request is sent and the connection refused, which is the point.
			expect(errorOf(result)).toMatchObject({ code: 'network_error' });
		} else {
			expect(result.success).toHaveLength(1);
		}
	});

	it('the credential test says the same, before any request', async () => {
		const verdict = await testCredential({
			credentialType: new MercadoPagoApi(),
			nodeTypes: [new MercadoPago()],
			data: { accessToken: TOKEN, baseUrl: 'http://api.mercadopago.com' },
		});
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain('must use https://');
		const userinfo = await testCredential({
			credentialType: new MercadoPagoApi(),
			nodeTypes: [new MercadoPago()],
			data: { accessToken: TOKEN, baseUrl: 'https://user:s3cr3t-pass@api.mercadopago.com' },
		});
		expect(userinfo).toMatchObject({ status: 'Error', message: expect.stringContaining('user name or password') });
		expect(userinfo.message).not.toContain('s3cr3t-pass');
	});
});

describe('a token no header can carry', () => {
	it.each([
		['a line break', `${TOKEN}\r\nX-Injected: 1`],
		['a control character', `APP_USR-abc\u0007def`],
		['a character beyond Latin-1', 'APP_USR-abc€def'],
	])('holding %s is refused with invalid_credential, not retried, nothing sent', async (_label, token) => {
		const item = row();
		const result = await runCancel(sandbox(), { items: [item], token, onError: 'continueErrorOutput' });
		expect(errorOf(result)).toMatchObject({ code: 'invalid_credential', attempts: 0, retryable: false });
		expect(sandbox().requests).toEqual([]);
		const verdict = await testCredential({ credentialType: new MercadoPagoApi(), nodeTypes: [new MercadoPago()], data: { accessToken: token, baseUrl: sandbox().url } });
		expect(verdict).toMatchObject({ status: 'Error', message: expect.stringContaining('no HTTP header can carry') });
	});
});

describe('local errors are not network errors', () => {
	afterEach(() => {
		delete process.env.HTTP_PROXY;
	});

	it('a proxy setting that is not a URL fails every item with local_error: not retried, no attempt counted', async () => {
		process.env.HTTP_PROXY = 'http://user:proxy-pass@exa mple.com:bad';
		const items = [row(), row()];
		const result = await runCancel(sandbox(), { items, onError: 'continueErrorOutput' });
		expect(result.error).toHaveLength(2);
		expect(errorOf(result)).toMatchObject({ code: 'local_error', attempts: 0, retryable: false });
		expect(everything(result)).not.toContain('proxy-pass');
		expect(sandbox().requests).toEqual([]);
	});
});
