import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { mercadoPagoApiTest } from '../MercadoPago/methods/credentialTest';
import { properties } from './properties';
import { checkSetup, receive } from './webhook/receive';

/** Describes the trigger and hands each notification to the webhook modules. */
export class MercadoPagoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mercado Pago Trigger',
		name: 'mercadoPagoTrigger',
		icon: { light: 'file:mercadoPago.svg', dark: 'file:mercadoPago.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when Mercado Pago notifies a payment, subscription, subscription charge, plan or payment profile change, verified by Mercado Pago's signature",
		defaults: { name: 'Mercado Pago Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The credential dialog's Test is the action node's own, whichever node the dialog opens from.
		credentials: [{ name: 'mercadoPagoApi', required: true, testedBy: 'mercadoPagoApiTest' }],
		// Answered once the execution has started; Mercado Pago reads only the status, so no body.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		properties,
	};

	/**
	 * Mercado Pago has no API to register a notification URL: the person pastes it in Mercado
	 * Pago's panel. So nothing is registered, checked or removed remotely; publishing only checks
	 * that the trigger can admit a notification at all.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await checkSetup(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	methods = { credentialTest: { mercadoPagoApiTest } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}
