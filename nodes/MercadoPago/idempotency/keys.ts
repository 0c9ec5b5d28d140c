import { parse as parseUuid, v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { PROBLEMS } from '../errors/problems';

/**
 * Part of the node's public interface: every release must derive the same key from the same
 * ids, so that a re-run sheet or n8n's "Retry On Fail" can never act twice.
 */
export const DETERMINISTIC_NAMESPACE = '963cafe2-bcb0-4e5e-a14a-9ca6459cc2b1';

/** Parsed once: uuid would otherwise parse the namespace again for every item. */
const NAMESPACE_BYTES = parseUuid(DETERMINISTIC_NAMESPACE);

/**
 * `uuidv5("<derivation>:<id>:<id>…")`. Each write operation has its own derivation name, so
 * the same ids never give two different acts the same key. Payment Profile > Cancel's
 * `cancel:<customerId>:<paymentProfileId>` is fixed by the interface.
 */
export function derivedKey(derivation: string, ids: readonly string[]): string {
	return uuidv5([derivation, ...ids].join(':'), NAMESPACE_BYTES);
}

export function randomKey(): string {
	return uuidv4();
}

/** Mercado Pago takes 1 to 64 characters; we also refuse anything but visible ASCII so no header can be mangled. */
const CUSTOM_KEY = /^[\x21-\x7e]{1,64}$/;

/** The problem with a custom key, or undefined when it can be sent as it is. */
export function customKeyProblem(key: string): string | undefined {
	if (CUSTOM_KEY.test(key)) return undefined;
	if (key.length === 0) return PROBLEMS.keyEmpty();
	if (key.length > 64) return PROBLEMS.keyTooLong(key.length);
	return PROBLEMS.keyNotAscii();
}
