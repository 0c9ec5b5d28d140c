import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Mercado Pago's notification signature: `x-signature: ts=<ts>,v1=<hex>` is the HMAC-SHA256, in
 * hex, of `id:<data.id>;request-id:<x-request-id>;ts:<ts>;` keyed with the application's secret
 * signature, where `data.id` is the query string's and a part whose value is absent is left out.
 * Only `data.id`, `x-request-id` and `ts` are signed: the body is not.
 */
export interface SignedParts {
	/** The `x-signature` header as received. */
	header: string | undefined;
	/** The `x-request-id` header. */
	requestId: string | undefined;
	/** `data.id` from the query string, exactly as received. */
	dataId: string | undefined;
}

export type SignatureProblem = 'missing' | 'malformed' | 'mismatch' | 'outOfTolerance';

export type SignatureVerdict = { ok: true } | { ok: false; problem: SignatureProblem };

export interface VerifyOptions {
	secret: string;
	/** Largest accepted distance between `ts` and now, in seconds; 0 = no limit. */
	toleranceSeconds: number;
	/** Milliseconds since the epoch. */
	nowMs: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The text Mercado Pago signs. */
export function signedText({ requestId, dataId }: Omit<SignedParts, 'header'>, ts: string): string {
	let text = '';
	if (dataId) text += `id:${dataId};`;
	if (requestId) text += `request-id:${requestId};`;
	return `${text}ts:${ts};`;
}

/** `ts` and every `v1` of the header, or undefined when it has no digits-only `ts` or no well-formed `v1`. */
function parseHeader(header: string): { ts: string; hashes: string[] } | undefined {
	let ts: string | undefined;
	const hashes: string[] = [];
	for (const part of header.split(',')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		const key = part.slice(0, eq).trim().toLowerCase();
		const value = part.slice(eq + 1).trim();
		if (key === 'ts') ts = value;
		else if (key === 'v1' && HEX_SHA256.test(value)) hashes.push(value.toLowerCase());
	}
	if (ts === undefined || !/^\d{1,16}$/.test(ts) || hashes.length === 0) return undefined;
	return { ts, hashes };
}

/**
 * `ts` in milliseconds. Mercado Pago's docs call it milliseconds while their example and the
 * official SDK use seconds: a value below 10^11 (the year 5138 in seconds) is read as seconds.
 */
export function timestampMs(ts: string): number {
	const value = Number(ts);
	return value < 1e11 ? value * 1000 : value;
}

/**
 * Checks the signature in constant time, then the timestamp: a forged notification is a
 * mismatch whatever its `ts` says.
 */
export function verifySignature(parts: SignedParts, { secret, toleranceSeconds, nowMs }: VerifyOptions): SignatureVerdict {
	const header = parts.header?.trim();
	if (!header) return { ok: false, problem: 'missing' };
	const parsed = parseHeader(header);
	if (!parsed) return { ok: false, problem: 'malformed' };
	const expected = createHmac('sha256', secret).update(signedText(parts, parsed.ts)).digest();
	// Every hash is compared, so the time taken does not depend on which one matched.
	let matched = false;
	for (const hash of parsed.hashes) matched = timingSafeEqual(expected, Buffer.from(hash, 'hex')) || matched;
	if (!matched) return { ok: false, problem: 'mismatch' };
	if (toleranceSeconds > 0 && Math.abs(nowMs - timestampMs(parsed.ts)) > toleranceSeconds * 1000) {
		return { ok: false, problem: 'outOfTolerance' };
	}
	return { ok: true };
}

/** Why a notification gets 401 and starts nothing. */
export type Refusal = SignatureProblem | 'otherObject' | 'noSecret';

/** The reason in the 401's body: Mercado Pago's panel shows it beside the failed delivery. */
export const REFUSALS: Record<Refusal, string> = {
	missing: 'No x-signature header: the notification cannot be verified',
	malformed: 'The x-signature header is not "ts=<digits>,v1=<64 hex digits>"',
	mismatch: "The signature does not match the credential's Secret Signature",
	outOfTolerance: "The signature's ts is further from now than the trigger's Timestamp Tolerance",
	otherObject: 'The body or the query names another object than the signed data.id',
	noSecret: 'The credential has no Secret Signature, and the trigger does not accept unsigned notifications',
};

export interface AdmissionPolicy extends Omit<VerifyOptions, 'secret'> {
	/** The credential's secret signature; '' when none is set. */
	secret: string;
	acceptUnsigned: boolean;
}

/**
 * With a secret, a notification is let in only when its signature matches, and only for the
 * object the signature names. Without one, only when the workflow accepts unsigned notifications.
 */
export function admit(
	parts: SignedParts,
	unsignedDataIds: readonly string[],
	policy: AdmissionPolicy,
): { ok: true; verified: boolean } | { ok: false; refusal: Refusal } {
	if (policy.secret === '') return policy.acceptUnsigned ? { ok: true, verified: false } : { ok: false, refusal: 'noSecret' };
	const verdict = verifySignature(parts, policy);
	if (!verdict.ok) return { ok: false, refusal: verdict.problem };
	// Only data.id is signed: an object named elsewhere (the body, an IPN call's id) could be anything.
	if (unsignedDataIds.some((id) => id !== parts.dataId)) return { ok: false, refusal: 'otherObject' };
	return { ok: true, verified: true };
}
