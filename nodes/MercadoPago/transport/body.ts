import type { Readable } from 'node:stream';

/** Far above any answer of these endpoints (a page of 100 profiles is a few tens of KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Mercado Pago's answers nest a few levels; a body deeper than this is not one of them. */
export const MAX_BODY_DEPTH = 64;

export type BodyRead = { ok: true; text: string } | { ok: false };

/** Reads at most MAX_BODY_BYTES, then abandons the stream: an endless body cannot fill the memory. */
export function readBounded(body: Readable, declaredLength: string | string[] | undefined): Promise<BodyRead> {
	const declared = Number(Array.isArray(declaredLength) ? declaredLength[0] : declaredLength);
	if (declared > MAX_BODY_BYTES) {
		body.destroy();
		return Promise.resolve({ ok: false });
	}
	// Listeners, not an async iterator: one answer per item, and the iterator's promise per
	// chunk costs more CPU than the rest of the read.
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
			settled = true;
			body.off('data', onData);
			body.destroy();
			resolve({ ok: false });
		};
		body.on('data', onData);
		body.once('end', () => {
			settled = true;
			resolve({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') });
		});
		body.once('error', reject);
		// A close before the end or the cap, with no error, is an answer cut off. (No Error is
		// built for the close that follows them: its stack trace alone would cost more than the read.)
		body.once('close', () => {
			if (!settled) reject(new Error('the answer ended before its body did'));
		});
	});
}

export type Parsed = { value: unknown; tooDeep: boolean };

/** JSON when it is JSON, the text otherwise, undefined when empty. */
export function parseBody(text: string): Parsed {
	if (text === '') return { value: undefined, tooDeep: false };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { value: text, tooDeep: false };
	}
	return { value, tooDeep: depthOf(value) > MAX_BODY_DEPTH };
}

/** Nesting depth, counted without recursion (JSON.parse accepts a million levels; a walk by recursion would not). */
function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [v, depth] = stack.pop()!;
		if (typeof v !== 'object' || v === null) continue;
		if (depth > deepest) deepest = depth;
		if (deepest > MAX_BODY_DEPTH) return deepest;
		for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/**
 * What an error item keeps of a body: a copy small and shallow enough that n8n, a Code node,
 * Respond to Webhook and `JSON.stringify` can always serialise it, whatever a server sent.
 */
const KEPT_DEPTH = 8;
const KEPT_CHARS = 16_384;
const KEPT_STRING = 2_000;
const KEPT_ENTRIES = 50;
const TRUNCATED = '[truncated]';

/**
 * `text`, when given, is applied to every string and key before it is cut (a redaction: a
 * secret that straddled the cut would otherwise keep all but its tail).
 */
export function bounded(value: unknown, text: (s: string) => string = (s) => s): unknown {
	let budget = KEPT_CHARS;
	const copy = (v: unknown, depth: number): unknown => {
		if (budget <= 0) return TRUNCATED;
		if (v === null || typeof v === 'boolean') return v;
		if (typeof v === 'number') return Number.isFinite(v) ? v : null;
		if (typeof v === 'string') {
			const whole = text(v);
			const kept = whole.length > KEPT_STRING ? `${whole.slice(0, KEPT_STRING)}${TRUNCATED}` : whole;
			budget -= kept.length;
			return kept;
		}
		if (typeof v !== 'object') return null;
		if (depth >= KEPT_DEPTH) return TRUNCATED;
		if (Array.isArray(v)) {
			const out = v.slice(0, KEPT_ENTRIES).map((entry) => copy(entry, depth + 1));
			if (v.length > KEPT_ENTRIES) out.push(TRUNCATED);
			return out;
		}
		const out: Record<string, unknown> = {};
		const keys = Object.keys(v);
		for (const key of keys.slice(0, KEPT_ENTRIES)) {
			const name = text(key);
			budget -= name.length;
			out[name.slice(0, KEPT_STRING)] = copy((v as Record<string, unknown>)[key], depth + 1);
		}
		if (keys.length > KEPT_ENTRIES) out[TRUNCATED] = true;
		return out;
	};
	return copy(value, 0);
}
