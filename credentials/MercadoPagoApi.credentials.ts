import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class MercadoPagoApi implements ICredentialType {
	name = 'mercadoPagoApi';

	displayName = 'Mercado Pago API';

	icon = { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' } as const;

	documentationUrl = 'https://www.mercadopago.com/developers/en/docs/your-integrations/credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The production or test access token of your application (Your integrations > Credentials). It usually starts with APP_USR-.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mercadopago.com',
			description: 'Change only to go through a proxy or to use a local sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{ $credentials.accessToken.trim() }}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.mercadopago.com").trim().replace(/\\/+$/, "") }}',
			url: '/users/me',
		},
	};
}
