import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The credential stands alone: it imports nothing of the node. Its Test is the node's own
 * (the node's `testedBy`), which checks it with the node's transport before anything is sent.
 */
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

	/** For n8n's own requests with this credential (the HTTP Request node); the Mercado Pago node sends its header itself. */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{ $credentials.accessToken.trim() }}' } },
	};
}
