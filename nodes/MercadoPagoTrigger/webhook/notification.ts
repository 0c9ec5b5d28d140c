import type { IDataObject } from 'n8n-workflow';
import { bounded } from '../../MercadoPago/transport/body';
import { isObject } from '../../MercadoPago/shared/answers';
import type { SignedParts } from './signature';

/** One POST to the trigger's URL, as n8n hands it over. */
export interface Incoming {
	/** Lower-case names, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** The query string as sent, after the `?` (n8n's parsed query may have reshaped it). */
	rawQuery: string;
	/** The parsed body: JSON for a notification, often nothing for an IPN call. */
	body: unknown;
}

/** What a notification says (a type, so it fits n8n's item JSON). */
export type NotificationFields = {
	/** The notification's own id (the same in every redelivery); null for IPN calls, which have none. */
	id: string | null;
	/** Mercado Pago's topic: `type` of a webhook, `topic` of an IPN call. */
	type: string | null;
	action: string | null;
	/** The id of the object the notification names. */
	dataId: string | null;
	liveMode: boolean | null;
	dateCreated: string | null;
	userId: string | null;
	requestId: string | null;
	/** The body's `data` (Card Updater and payment profiles put more than an id there). */
	data: IDataObject | null;
};

/** The workflow's `event`: what the notification says, and whether its signature was checked and matched. */
export type MercadoPagoEvent = NotificationFields & { verified: boolean };

export interface Notification {
	event: NotificationFields;
	/** An IPN call (`?topic=…&id=…`): Mercado Pago's older notification, which cannot be verified. */
	ipn: boolean;
	/** What the signature covers. */
	signed: SignedParts;
	/**
	 * The ids the notification gives its object outside the signature: the body's `data.id`, and
	 * an IPN call's `id`. A signed notification is admitted only when each is the signed one.
	 */
	unsignedDataIds: string[];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Mercado Pago sends ids as numbers or strings; both become strings, exactly as written. */
export function idText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return text(value);
}

function header(headers: Incoming['headers'], name: string): string | undefined {
	const value = headers[name];
	return text(Array.isArray(value) ? value[0] : value);
}

/** Reads whatever was sent: nothing here is trusted until the signature says so. */
export function readNotification({ headers, rawQuery, body }: Incoming): Notification {
	const query = new URLSearchParams(rawQuery);
	const fields = isObject(body) ? body : {};
	const data = isObject(fields.data) ? fields.data : undefined;
	const webhookType = text(fields.type) ?? text(query.get('type'));
	const ipn = webhookType === undefined && (text(query.get('topic')) ?? text(fields.topic)) !== undefined;
	const queryDataId = text(query.get('data.id'));
	const bodyDataId = idText(data?.id);
	const requestId = header(headers, 'x-request-id');
	const ipnId = ipn ? text(query.get('id')) ?? idText(fields.id) : undefined;
	const dataId = ipn ? ipnId : queryDataId ?? bodyDataId;
	return {
		event: {
			id: ipn ? null : idText(fields.id) ?? null,
			type: (ipn ? text(query.get('topic')) ?? text(fields.topic) : webhookType) ?? null,
			action: text(fields.action) ?? null,
			dataId: dataId ?? null,
			liveMode: typeof fields.live_mode === 'boolean' ? fields.live_mode : null,
			dateCreated: text(fields.date_created) ?? null,
			userId: idText(fields.user_id) ?? null,
			requestId: requestId ?? null,
			data: data ? (bounded(data) as IDataObject) : null,
		},
		ipn,
		signed: { header: header(headers, 'x-signature'), requestId, dataId: queryDataId },
		unsignedDataIds: [bodyDataId, ipnId].filter((id) => id !== undefined),
	};
}
