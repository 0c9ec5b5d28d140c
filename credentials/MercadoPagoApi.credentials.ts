import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { readCredentials } from '../nodes/MercadoPago/transport/credentials';

export class MercadoPagoApi implements ICredentialType {
	name = 'mercadoPagoApi';

	displayName = 'Mercado Pago API';

	icon: Icon = { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' };

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
		{
			displayName: 'Secret Signature (for the Trigger)',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Mercado Pago Trigger: the secret signature Mercado Pago shows in Your integrations > (your application) > Webhooks > Configure notifications, once the notification URL is saved. The trigger checks every notification\'s x-signature with it. Leave empty if you do not use the trigger.',
		},
	];

	/**
	 * A function rather than n8n's generic header block: the credential test then refuses,
	 * with the node's own words and before any request, what the node would refuse (a Base URL
	 * that is not https, a token no header can carry).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const checked = readCredentials(credentials);
		if (!checked.ok) throw new Error(checked.problem);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${checked.value.accessToken}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.mercadopago.com").trim().replace(/\\/+$/, "") }}',
			url: '/users/me',
		},
	};
}
