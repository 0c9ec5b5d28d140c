import { parse as parseUuid, v4 as uuidv4, v5 as uuidv5 } from 'uuid';

export type IdempotencyKeyMode = 'deterministic' | 'random' | 'custom';

/**
 * Part of the node's public interface: every release must derive the same key from the same
 * ids, so that a re-run sheet or n8n's "Retry On Fail" can never cancel twice.
 */
export const DETERMINISTIC_NAMESPACE = '963cafe2-bcb0-4e5e-a14a-9ca6459cc2b1';

/** Parsed once: uuid would otherwise parse the namespace again for every item. */
const NAMESPACE_BYTES = parseUuid(DETERMINISTIC_NAMESPACE);

export function deterministicCancelKey(customerId: string, paymentProfileId: string): string {
	return uuidv5(`cancel:${customerId}:${paymentProfileId}`, NAMESPACE_BYTES);
}

export function randomKey(): string {
	return uuidv4();
}

/** Mercado Pago takes 1 to 64 characters; we also refuse anything but visible ASCII so no header can be mangled. */
const CUSTOM_KEY = /^[\x21-\x7e]{1,64}$/;

/** The problem with a custom key, or undefined when it can be sent as it is. */
export function customKeyProblem(key: string): string | undefined {
	if (CUSTOM_KEY.test(key)) return undefined;
	if (key.length === 0) return 'The custom idempotency key is empty';
	if (key.length > 64) return `The custom idempotency key is ${key.length} characters long; at most 64 are allowed`;
	return 'The custom idempotency key may only hold visible ASCII characters (no spaces, tabs, control or non-ASCII characters)';
}
