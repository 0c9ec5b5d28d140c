import { derivedKey } from '../../MercadoPago/idempotency/keys';
import type { Notification } from './notification';

/**
 * The delivery key: the same for every delivery of one notification. A redelivery repeats the
 * notification's body (its own `id`, topic, action, object and account) but may carry a fresh
 * `ts` and `x-request-id`, so those are left out. An IPN call has no id of its own: its key
 * names the topic and the object, and is shared by every IPN call about that object.
 * Part of the trigger's output: every release must derive the same key from the same notification.
 */
export function deliveryKey({ event, ipn }: Notification): string {
	const { id, type, action, dataId, userId } = event;
	return ipn
		? derivedKey('mercadopago-ipn', [type ?? '', dataId ?? ''])
		: derivedKey('mercadopago-notification', [id ?? '', type ?? '', action ?? '', dataId ?? '', userId ?? '']);
}

/** Long enough for Mercado Pago's redeliveries (every 15 minutes, then less often); unconfirmed how long they go on. */
export const REMEMBER_MS = 72 * 60 * 60 * 1000;
/** A bound on memory whatever the traffic: about 1 MB. */
export const REMEMBER_AT_MOST = 10_000;
/** A delivery being handled is answered within seconds; this only ends a claim whose answer was never seen. */
export const IN_FLIGHT_MS = 5 * 60 * 1000;

/** What this process knows of a notification: never seen, being handled now, or acknowledged to Mercado Pago. */
export type Claim = 'new' | 'inFlight' | 'delivered';

interface Entry {
	delivered: boolean;
	expiresAt: number;
}

/**
 * The notifications this n8n process acknowledged to Mercado Pago recently, for the Drop
 * Redeliveries option: at most `maxEntries`, each for `ttlMs`, the oldest forgotten first.
 * A notification counts as acknowledged only once n8n answered its delivery with a 2xx, i.e.
 * after the execution started: one that n8n failed to start is forgotten, so its redelivery
 * starts it. Each process has its own memory: in queue mode a redelivery may reach another
 * main or webhook process, which has not seen it (the key lets a workflow drop it there).
 */
export class RecentDeliveries {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly maxEntries = REMEMBER_AT_MOST,
		private readonly ttlMs = REMEMBER_MS,
		private readonly inFlightMs = IN_FLIGHT_MS,
		private readonly now: () => number = Date.now,
	) {}

	/** What is known of `key`; a new one is claimed (in flight) until settle(). */
	claim(key: string): Claim {
		const now = this.now();
		for (const [oldest, entry] of this.entries) {
			if (entry.expiresAt > now) break;
			this.entries.delete(oldest);
		}
		const known = this.entries.get(key);
		if (known && known.expiresAt > now) return known.delivered ? 'delivered' : 'inFlight';
		this.entries.delete(key);
		if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
		this.entries.set(key, { delivered: false, expiresAt: now + this.inFlightMs });
		return 'new';
	}

	/** The claimed delivery was answered: with a 2xx it is remembered for ttlMs, otherwise forgotten. */
	settle(key: string, acknowledged: boolean): void {
		const entry = this.entries.get(key);
		if (!entry || entry.delivered) return;
		this.entries.delete(key);
		if (acknowledged) this.entries.set(key, { delivered: true, expiresAt: this.now() + this.ttlMs });
	}

	get size(): number {
		return this.entries.size;
	}
}

/** One per n8n process, shared by every trigger node in it; keys are scoped to their workflow and node. */
export const recentDeliveries = new RecentDeliveries();
