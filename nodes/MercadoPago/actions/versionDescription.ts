import type { INodeTypeDescription } from 'n8n-workflow';
import * as paymentProfile from './paymentProfile/PaymentProfile.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Mercado Pago',
	name: 'mercadoPago',
	icon: { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Cancel Mercado Pago payment profiles (automatic-payment subscriptions), safely and in bulk',
	defaults: { name: 'Mercado Pago' },
	usableAsTool: true,
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'mercadoPagoApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Payment Profile', value: 'paymentProfile' }],
			default: 'paymentProfile',
		},
		...paymentProfile.description,
	],
};
