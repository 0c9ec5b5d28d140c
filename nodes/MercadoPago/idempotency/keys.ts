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
 * `uuidv5("<derivation>:<id>:<id>…")`, and `:<body>` after the ids when a body is given (its
 * JSON with keys sorted, so the same body gives the same key). Each write operation has its own
 * derivation name, so the same ids never give two different acts the same key; a write that
 * creates passes its body, so two creates for the same customer are two requests. Payment
 * Profile > Cancel's `cancel:<customerId>:<paymentProfileId>` is fixed by the interface.
 */
export function derivedKey(derivation: string, ids: readonly string[], body?: unknown): string {
	const parts = body === undefined ? [derivation, ...ids] : [derivation, ...ids, JSON.stringify(sorted(body))];
	return uuidv5(parts.join(':'), NAMESPACE_BYTES);
}

/** The value with every object's keys in order: JSON that does not depend on how the body was written. */
function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (typeof value !== 'object' || value === null) return value;
	const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return Object.fromEntries(entries.map(([key, entry]) => [key, sorted(entry)]));
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
