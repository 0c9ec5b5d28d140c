/**
 * The token is redacted before anything is cut, and the Base URL is never quoted past its
 * host: a path or query may hold the token (pasted by mistake) or a proxy's key.
 */
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { testCredential } from '../harness/credentialTest';
import { everything, runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith } from '../engine/fixtures';

const TOKEN = 'APP_USR-7777777777777777-010203-fedcba9876543210fedcba9876543210-123456789';

const sandbox = useSandbox({ token: TOKEN });

/** A body nested deeper than the node walks: kept only as a bounded copy. */
function tooDeep(inner: unknown, levels = 80): unknown {
	let body = inner;
	for (let i = 0; i < levels; i++) body = { next: body };
	return body;
}

describe('redaction comes before any cut', () => {
	it('a token that straddles the 2,000-character cut of a too-deep body leaves nothing of itself', async () => {
		const row = profileWith(sandbox());
		// The cut falls three characters before the token's end: all but its tail would be kept.
		const message = `${'x'.repeat(2_000 - (TOKEN.length - 3))}${TOKEN} was refused`;
		sandbox().inject({ kind: 'status', status: 400, body: { message, error: 'bad_request', nested: tooDeep('end') } });
		const result = await runCancel(sandbox(), { items: [row], token: TOKEN, onError: 'continueErrorOutput' });
		const error = result.error[0].json.error as { response: { message: string } };
		expect(error.response.message).toMatch(/^x+\[redacted\]/);
		expect(everything(result)).not.toContain(TOKEN.slice(0, 20));
	});
});

describe('the Base URL is quoted by its host only', () => {
	it.each([
		['in the path of a Base URL that is not https', `http://proxy.example.com/${TOKEN}`, 'must use https://'],
		['in the path, with a query', `https://proxy.example.com/${TOKEN}/?debug=1`, 'must not hold a query'],
		['in a Base URL that is no URL at all', `https://proxy example.com/${TOKEN}`, 'is not a valid URL'],
		['as the host', `http://${TOKEN.toLowerCase()}.example.com`, 'must use https://'],
	])('a token %s: no error item, message or credential test quotes it', async (_label, baseUrl, words) => {
		const result = await runCancel(sandbox(), { items: [profileWith(sandbox())], baseUrl, token: TOKEN, onError: 'continueErrorOutput' });
		expect(result.error[0].json.error).toMatchObject({ code: 'invalid_credential', message: expect.stringContaining(words) });
		const verdict = await testCredential({ credentialType: new MercadoPagoApi(), nodeTypes: [new MercadoPago()], data: { accessToken: TOKEN, baseUrl } });
		expect(verdict).toMatchObject({ status: 'Error', message: expect.stringContaining(words) });
		for (const text of [everything(result), verdict.message]) {
			expect(text.toLowerCase()).not.toContain(TOKEN.toLowerCase().slice(0, 20));
		}
		expect(sandbox().requests).toEqual([]);
	});

	it('the host is still named, so a person sees which Base URL is meant', async () => {
		const result = await runCancel(sandbox(), { items: [profileWith(sandbox())], baseUrl: `http://proxy.example.com/${TOKEN}`, onError: 'continueErrorOutput' });
		expect((result.error[0].json.error as { message: string }).message).toContain('"http://proxy.example.com/…"');
	});
});
