import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { readSettings } from '../properties';
import { triggerCredential } from './credential';
import { deliveryKey, recentDeliveries } from './deliveries';
import { isSelected } from './events';
import { readNotification, type Incoming, type MercadoPagoEvent } from './notification';
import { resolveResource } from './resolve';
import { REFUSALS, admit } from './signature';

/** Why a notification was answered 200 without starting anything. */
export const IGNORED = {
	topic: 'Its topic is not among the trigger\'s Events',
	redelivery: 'This n8n process already started the workflow for this notification (Drop Redeliveries)',
} as const;

/** Why a delivery was answered 409: Mercado Pago delivers it again later. */
export const IN_PROGRESS = 'Another delivery of this notification is being handled right now (Drop Redeliveries): deliver it again later';

/** What the workflow receives: one item per notification. */
export interface TriggerItem extends IDataObject {
	event: MercadoPagoEvent;
	resource: IDataObject | null;
	deliveryKey: string;
	error?: IDataObject;
}

function secretOf(credentials: ICredentialDataDecryptedObject): string {
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

/**
 * When the workflow is published or starts listening for a test event: a trigger that would
 * refuse every notification says so now, rather than answering Mercado Pago 401 unseen.
 */
export async function checkSetup(ctx: IHookFunctions): Promise<void> {
	if (ctx.getNodeParameter('acceptUnsigned', false) === true) return;
	if (secretOf(await ctx.getCredentials('mercadoPagoApi')) !== '') return;
	throw new NodeOperationError(ctx.getNode(), REFUSALS.noSecret, {
		description:
			'Copy the secret signature Mercado Pago shows under Your integrations > Webhooks > Configure notifications into the Secret Signature field of the Mercado Pago API credential, or turn on Accept Unsigned Notifications.',
	});
}

function incomingOf(ctx: IWebhookFunctions): Incoming {
	const request = ctx.getRequestObject();
	const url = request.originalUrl ?? request.url ?? '';
	const q = url.indexOf('?');
	return { headers: ctx.getHeaderData(), rawQuery: q === -1 ? '' : url.slice(q + 1), body: ctx.getBodyData() };
}

/**
 * Not received, nothing started, and Mercado Pago delivers it again later: 401 for a refused
 * notification, 409 while another delivery of it is handled (whether that one starts is not
 * known yet). The reason goes to Mercado Pago's panel.
 */
function notReceived(ctx: IWebhookFunctions, status: 401 | 409, reason: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify({ received: false, reason }));
	return { noWebhookResponse: true };
}

/** 200 and nothing started: Mercado Pago must not redeliver what the workflow does not want. */
function ignore(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, started: false, reason } };
}

/**
 * One notification: admitted by its signature (or the workflow's explicit acceptance of
 * unsigned ones), filtered by topic, dropped if this process already started it and the
 * workflow asked for that, then read within the time limit. The answer goes out once n8n has
 * started the execution.
 */
export async function receive(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readSettings({
		events: ctx.getNodeParameter('events', []),
		acceptUnsigned: ctx.getNodeParameter('acceptUnsigned', false),
		options: ctx.getNodeParameter('options', {}) as IDataObject,
	});
	// Read once per call, and shared with the notifications arriving with it: see credential.ts.
	const credentials = await triggerCredential(ctx);
	const secret = secretOf(credentials);
	const notification = readNotification(incomingOf(ctx));

	const admitted = admit(notification.signed, notification.unsignedDataIds, {
		secret,
		acceptUnsigned: settings.acceptUnsigned,
		toleranceSeconds: settings.toleranceSeconds,
		nowMs: Date.now(),
	});
	if (!admitted.ok) return notReceived(ctx, 401, REFUSALS[admitted.refusal]);
	const { data, ...said } = notification.event;
	const event: MercadoPagoEvent = { ...said, verified: admitted.verified, data };
	if (!isSelected(settings.events, event.type)) return ignore(IGNORED.topic);

	const key = deliveryKey(notification);
	// Only a notification with an id of its own can be told from a new one about the same object.
	if (settings.dropRedeliveries && event.id !== null) {
		const node = ctx.getNode();
		const scope = [ctx.getWorkflow().id ?? '', node.id ?? node.name, ctx.getMode(), key].join('\u0000');
		const claim = recentDeliveries.claim(scope);
		if (claim === 'delivered') return ignore(IGNORED.redelivery);
		if (claim === 'inFlight') return notReceived(ctx, 409, IN_PROGRESS);
		// n8n answers once the execution has started (or failed to): only a 2xx makes a later delivery a repeat.
		const res = ctx.getResponseObject();
		res.once('close', () => recentDeliveries.settle(scope, res.writableFinished && res.statusCode >= 200 && res.statusCode < 300));
	}

	const source = { getCredentials: async () => credentials };
	const resolved = settings.resolve ? await resolveResource(source, event, { budgetMs: settings.readTimeLimitMs }) : { resource: null };
	const item: TriggerItem = { event, resource: resolved.resource, deliveryKey: key };
	if (resolved.error) item.error = resolved.error;
	return { workflowData: [[{ json: item }]] };
}
