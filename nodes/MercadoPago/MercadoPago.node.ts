import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as customer from './actions/customer/Customer.resource';
import * as paymentProfile from './actions/paymentProfile/PaymentProfile.resource';
import { router } from './actions/router';
import * as subscription from './actions/subscription/Subscription.resource';
import { DEFAULT_VERSION, NODE_VERSIONS, byVersion } from './actions/versions';
import { mercadoPagoApiTest } from './methods/credentialTest';
import { listPaymentProfiles, searchCustomers, searchSubscriptions } from './methods/listSearch';

/** Describes the node and hands execution to the router; everything else lives in its own module. */
export class MercadoPago implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mercado Pago',
		name: 'mercadoPago',
		icon: { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_VERSION,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Find Mercado Pago customers and subscriptions, read payment profiles and subscriptions, and cancel, pause or resume them, safely and in bulk',
		defaults: { name: 'Mercado Pago' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// The credential dialog's Test is the node's own (methods.credentialTest): the same checks and words as a run.
		credentials: [{ name: 'mercadoPagoApi', required: true, testedBy: 'mercadoPagoApiTest' }],
		properties: [
			// Version 1 keeps Payment Profile > Cancel, which workflows saved without a resource rely on.
			...byVersion(
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Customer', value: 'customer' },
						{ name: 'Payment Profile', value: 'paymentProfile' },
						{ name: 'Subscription', value: 'subscription' },
					],
					default: 'paymentProfile',
				},
				{ v1: 'paymentProfile', v2: 'customer' },
			),
			...customer.description,
			...paymentProfile.description,
			...subscription.description,
		],
	};

	methods = {
		listSearch: { searchCustomers, listPaymentProfiles, searchSubscriptions },
		credentialTest: { mercadoPagoApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
