import * as fs from 'fs';
import * as path from 'path';
import type { ICredentialType } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { testCredential } from '../harness/credentialTest';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

// n8n's credential test: the node named by the credential's users with testedBy, run with the
// credential's data, and GET /users/me through the node's own transport.
describe('Mercado Pago API credential test', () => {
	const run = (data: { accessToken: string; baseUrl: string }) =>
		testCredential({ credentialType: new MercadoPagoApi(), nodeTypes: [new MercadoPago()], data });

	it('succeeds with a valid token, trimmed, and a base URL with a trailing slash', async () => {
		const result = await run({ accessToken: ` ${sandbox().token} `, baseUrl: `${sandbox().url}/` });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox().requests).toEqual([expect.objectContaining({ method: 'GET', rawPath: '/users/me', status: 200 })]);
	});

	it("a rejected token gets the catalogue's words, and the token is not among them", async () => {
		const result = await run({ accessToken: 'APP_USR-wrong', baseUrl: sandbox().url });
		expect(result).toEqual({
			status: 'Error',
			message:
				'The access token was rejected. Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
		});
	});

	it('an answer that is not an account (a proxy page) is not a success', async () => {
		sandbox().inject({ kind: 'status', status: 200, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html' } });
		const result = await run({ accessToken: sandbox().token, baseUrl: sandbox().url });
		expect(result.status).toBe('Error');
		expect(result.message).toContain("Mercado Pago's answer is not one the node can trust: HTTP 200 with an HTML or XML page");
	});

	it('n8n finds it: the credential has no request test of its own, and the node names its test with testedBy', () => {
		expect((new MercadoPagoApi() as ICredentialType).test).toBeUndefined();
		expect(new MercadoPago().description.credentials).toEqual([{ name: 'mercadoPagoApi', required: true, testedBy: 'mercadoPagoApiTest' }]);
		expect(typeof new MercadoPago().methods.credentialTest.mercadoPagoApiTest).toBe('function');
	});

	it('the credential stands alone: it imports nothing of the node', () => {
		const source = fs.readFileSync(path.join(__dirname, '../../credentials/MercadoPagoApi.credentials.ts'), 'utf8');
		const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
		expect(imports).toEqual(['n8n-workflow']);
	});
});
