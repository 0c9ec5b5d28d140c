/**
 * The real Mercado Pago Trigger behind the webhook harness, its credential pointed at a sandbox,
 * and a notifier signing with the credential's secret: what the trigger's engine tests start.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPagoTrigger } from '../../nodes/MercadoPagoTrigger/MercadoPagoTrigger.node';
import { Notifier } from '../sandbox/notifier';
import type { SandboxAddress } from './runMercadoPago';
import { startTriggerServer, type TriggerServer } from './webhook';

export const TRIGGER_TYPE = 'n8n-nodes-mercadopago.mercadoPagoTrigger';
export const SECRET = 'sandbox-webhook-secret-0123456789abcdef';

export interface TriggerRun {
	events?: string[];
	acceptUnsigned?: boolean;
	options?: IDataObject;
	/** The credential's secret signature; '' for none. Default SECRET. */
	secret?: string;
	token?: string;
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	/** Whether to publish it (run webhookMethods) first; default true. */
	activate?: boolean;
}

export interface StartedTrigger {
	server: TriggerServer;
	/** Signs with SECRET, whatever the credential holds. */
	notifier: Notifier;
}

export async function startTrigger(sandbox: SandboxAddress, run: TriggerRun = {}): Promise<StartedTrigger> {
	const parameters: INodeParameters = {
		events: run.events ?? ['any'],
		acceptUnsigned: run.acceptUnsigned ?? false,
		options: (run.options ?? {}) as INodeParameters,
	};
	const server = await startTriggerServer({
		nodeType: new MercadoPagoTrigger(),
		nodeTypeName: TRIGGER_TYPE,
		parameters,
		credentials: { mercadoPagoApi: { accessToken: run.token ?? sandbox.token, baseUrl: sandbox.url, webhookSecret: run.secret ?? SECRET } },
		credentialTypes: [new MercadoPagoApi()],
		mode: run.mode,
		workflowId: run.workflowId,
	});
	if (run.activate !== false) {
		try {
			await server.activate();
		} catch (error) {
			await server.close();
			throw error;
		}
	}
	return { server, notifier: new Notifier({ url: server.url, secret: SECRET }) };
}
