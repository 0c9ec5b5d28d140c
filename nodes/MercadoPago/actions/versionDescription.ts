import type { INodeTypeDescription } from 'n8n-workflow';
import * as customer from './customer/Customer.resource';
import * as paymentProfile from './paymentProfile/PaymentProfile.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Mercado Pago',
	name: 'mercadoPago',
	icon: { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description:
		'Find Mercado Pago customers by email, read their payment profiles (automatic-payment subscriptions) and cancel them, safely and in bulk',
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
			options: [
				{ name: 'Customer', value: 'customer' },
				{ name: 'Payment Profile', value: 'paymentProfile' },
			],
			// Workflows saved before Customer existed rely on this default.
			default: 'paymentProfile',
		},
		...customer.description,
		...paymentProfile.description,
	],
};
