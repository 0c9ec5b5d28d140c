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

/**
 * The notifications this n8n process handed to an execution recently, for the Drop
 * Redeliveries option: at most `maxEntries`, each for `ttlMs`, the oldest forgotten first.
 * Each process has its own: in queue mode a redelivery may reach another main or webhook
 * process, which has not seen it (the key lets a workflow drop it there).
 */
export class RecentDeliveries {
	/** Key -> when it is forgotten. Insertion order is expiry order, since every entry lives ttlMs. */
	private readonly entries = new Map<string, number>();

	constructor(
		private readonly maxEntries = REMEMBER_AT_MOST,
		private readonly ttlMs = REMEMBER_MS,
		private readonly now: () => number = Date.now,
	) {}

	/** True when `key` was seen within ttlMs (a redelivery); otherwise remembers it and returns false. */
	seenBefore(key: string): boolean {
		const now = this.now();
		for (const [oldest, expiresAt] of this.entries) {
			if (expiresAt > now) break;
			this.entries.delete(oldest);
		}
		if (this.entries.has(key)) return true;
		if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
		this.entries.set(key, now + this.ttlMs);
		return false;
	}

	get size(): number {
		return this.entries.size;
	}
}

/** One per n8n process, shared by every trigger node in it; keys are scoped to their workflow and node. */
export const recentDeliveries = new RecentDeliveries();
