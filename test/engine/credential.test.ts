import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { testCredential } from '../harness/credentialTest';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

// n8n's own credential test (its RoutingNode and request helper) against GET /users/me.
describe('Mercado Pago API credential test', () => {
	const run = (data: { accessToken: string; baseUrl: string }) =>
		testCredential({ credentialType: new MercadoPagoApi(), data });

	it('succeeds with a valid token, trimmed, and a base URL with a trailing slash', async () => {
		const result = await run({ accessToken: ` ${sandbox().token} `, baseUrl: `${sandbox().url}/` });
		expect(result.status).toBe('OK');
		const [request] = sandbox().requests.slice(-1);
		expect(request).toMatchObject({ method: 'GET', rawPath: '/users/me', status: 200 });
	});

	it('fails with a wrong token', async () => {
		const result = await run({ accessToken: 'APP_USR-wrong', baseUrl: sandbox().url });
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('APP_USR-wrong');
	});
});
