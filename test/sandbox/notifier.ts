/**
 * Mercado Pago's side of notifications: builds them and POSTs them to a URL the way Mercado
 * Pago does (mercadopago-api.md, "Notifications"), signed right or in each way a trigger must
 * refuse. Its own signing code, written from the reference, so a test never checks the trigger
 * against the trigger's own arithmetic.
 *
 *   const notifier = new Notifier({ url, secret });
 *   const n = notifier.notification('payment', '123456', { action: 'payment.updated' });
 *   const first = await notifier.send(notifier.signed(n));
 *   await notifier.send(notifier.redelivery(first.delivery));   // the same notification again
 */
import { createHmac, randomUUID } from 'node:crypto';

/** A webhook notification's body. */
export interface NotificationBody {
	id: string | number;
	live_mode: boolean;
	type: string;
	date_created: string;
	user_id: number;
	api_version: 'v1';
	action: string;
	data: Record<string, unknown>;
}

/**
 * - `signed`: what Mercado Pago sends; `wrongSecret`: signed with another secret (a forgery);
 * - `stale`: signed right, with a `ts` long past; `unsigned`: no `x-signature`;
 * - `malformed`: an `x-signature` that is not `ts=…,v1=…`; `otherObject`: a signed notification whose
 *   body names another object than the signed `data.id`; `ipn`: the older `?topic=…&id=…` call;
 * - `redelivery`: a notification sent again (`fresh`: signed anew, or the same headers).
 */
export type DeliveryKind = 'signed' | 'wrongSecret' | 'stale' | 'unsigned' | 'malformed' | 'otherObject' | 'ipn' | 'redelivery';

export interface Delivery {
	kind: DeliveryKind;
	/** The trigger's URL with Mercado Pago's query string. */
	url: string;
	headers: Record<string, string>;
	body: string | undefined;
	/** The notification it carries (none for an IPN call). */
	notification?: NotificationBody;
}

export interface DeliveryResult {
	delivery: Delivery;
	/** 0 when no answer came (the connection failed). */
	status: number;
	body: string;
	/** From sending to the end of the answer: what Mercado Pago waits at most 22 s for. */
	ms: number;
}

export interface NotifierOptions {
	/** The trigger's Production or Test URL. */
	url: string;
	/** The application's secret signature. */
	secret: string;
	/** The account notified (`user_id`). */
	userId?: number;
	/** Mercado Pago's docs call `ts` milliseconds, its SDK and example use seconds: both are sent by some. */
	tsUnit?: 'seconds' | 'milliseconds';
	/** Milliseconds since the epoch; for `ts`. */
	now?: () => number;
	/** The first notification's id is this plus one (default 20,000,000,000): notifiers in separate processes need their own. */
	idBase?: number;
}

/** `x-signature` for these parts, as the reference describes it: a part whose value is absent is left out. */
export function signatureHeader(secret: string, parts: { dataId?: string; requestId?: string; ts: string }): string {
	const signed = [
		parts.dataId ? `id:${parts.dataId};` : '',
		parts.requestId ? `request-id:${parts.requestId};` : '',
		`ts:${parts.ts};`,
	].join('');
	return `ts=${parts.ts},v1=${createHmac('sha256', secret).update(signed).digest('hex')}`;
}

export class Notifier {
	readonly url: string;
	private readonly secret: string;
	private readonly userId: number;
	private readonly tsUnit: 'seconds' | 'milliseconds';
	private readonly now: () => number;
	private counter: number;

	constructor(options: NotifierOptions) {
		this.url = options.url;
		this.secret = options.secret;
		this.userId = options.userId ?? 123456789;
		this.tsUnit = options.tsUnit ?? 'seconds';
		this.now = options.now ?? Date.now;
		this.counter = options.idBase ?? 20_000_000_000;
	}

	/** A new notification (its own id) naming `dataId`; `data` replaces `{ id: dataId }` (Card Updater's has no id). */
	notification(type: string, dataId: string | undefined, options: { action?: string; data?: Record<string, unknown>; liveMode?: boolean } = {}): NotificationBody {
		return {
			id: ++this.counter,
			live_mode: options.liveMode ?? false,
			type,
			date_created: new Date(this.now()).toISOString(),
			user_id: this.userId,
			api_version: 'v1',
			action: options.action ?? `${type}.updated`,
			data: options.data ?? (dataId === undefined ? {} : { id: dataId }),
		};
	}

	/** Signed as Mercado Pago signs: `ts` now (or as given), a fresh `x-request-id`. */
	signed(n: NotificationBody, options: { ts?: string; requestId?: string; secret?: string; kind?: DeliveryKind } = {}): Delivery {
		const dataId = this.signedDataId(n);
		const requestId = options.requestId ?? randomUUID();
		const ts = options.ts ?? this.ts(this.now());
		return this.delivery(options.kind ?? 'signed', n, {
			'x-request-id': requestId,
			'x-signature': signatureHeader(options.secret ?? this.secret, { dataId, requestId, ts }),
		});
	}

	wrongSecret(n: NotificationBody): Delivery {
		return this.signed(n, { secret: `${this.secret}-not-it`, kind: 'wrongSecret' });
	}

	/** Signed right, `ageSeconds` ago. */
	stale(n: NotificationBody, ageSeconds = 2 * 60 * 60): Delivery {
		return this.signed(n, { ts: this.ts(this.now() - ageSeconds * 1000), kind: 'stale' });
	}

	unsigned(n: NotificationBody): Delivery {
		return this.delivery('unsigned', n, { 'x-request-id': randomUUID() });
	}

	malformed(n: NotificationBody): Delivery {
		return this.delivery('malformed', n, { 'x-request-id': randomUUID(), 'x-signature': `v1=${'0'.repeat(64)}` });
	}

	/** A genuine signature for `n`, its body naming `otherDataId` instead: what a tamperer who caught a delivery could send. */
	otherObject(n: NotificationBody, otherDataId: string): Delivery {
		const genuine = this.signed(n);
		return { ...genuine, kind: 'otherObject', body: JSON.stringify({ ...n, data: { ...n.data, id: otherDataId } }) };
	}

	/** The older IPN call: `?topic=…&id=…`, no signature, no JSON body. */
	ipn(topic: string, id: string): Delivery {
		const query = new URLSearchParams({ topic, id });
		return { kind: 'ipn', url: `${this.url}${this.url.includes('?') ? '&' : '?'}${query}`, headers: {}, body: undefined };
	}

	/** The same notification again, later: signed anew (`fresh`) or with the first delivery's very headers. */
	redelivery(first: Delivery, { fresh }: { fresh: boolean }): Delivery {
		if (!first.notification) throw new Error('notifier: only a webhook notification is redelivered');
		return { ...(fresh ? this.signed(first.notification) : first), kind: 'redelivery' };
	}

	async send(delivery: Delivery): Promise<DeliveryResult> {
		const started = performance.now();
		try {
			const res = await fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
			const body = await res.text();
			return { delivery, status: res.status, body, ms: performance.now() - started };
		} catch (error) {
			return { delivery, status: 0, body: String(error), ms: performance.now() - started };
		}
	}

	/** Every delivery at once (as a burst of notifications arrives); results in the order given. */
	burst(deliveries: Delivery[]): Promise<DeliveryResult[]> {
		return Promise.all(deliveries.map((d) => this.send(d)));
	}

	private ts(ms: number): string {
		return String(this.tsUnit === 'seconds' ? Math.floor(ms / 1000) : Math.floor(ms));
	}

	/** Mercado Pago signs the query string's `data.id`, which it takes from the body. */
	private signedDataId(n: NotificationBody): string | undefined {
		const id = n.data.id;
		return id === undefined || id === null ? undefined : String(id);
	}

	private delivery(kind: DeliveryKind, n: NotificationBody, headers: Record<string, string>): Delivery {
		const dataId = this.signedDataId(n);
		const query = new URLSearchParams(dataId === undefined ? { type: n.type } : { 'data.id': dataId, type: n.type });
		return {
			kind,
			url: `${this.url}${this.url.includes('?') ? '&' : '?'}${query}`,
			headers: { 'content-type': 'application/json', 'user-agent': `MercadoPago WebHook v1.0 ${n.type}`, ...headers },
			body: JSON.stringify(n),
			notification: n,
		};
	}
}
