/**
 * What an error item keeps of a body: a copy small and shallow enough that n8n, a Code node,
 * Respond to Webhook and `JSON.stringify` can always serialise it, whatever a server sent.
 */
const KEPT_DEPTH = 8;
const KEPT_CHARS = 16_384;
const KEPT_STRING = 2_000;
const KEPT_ENTRIES = 50;
export const TRUNCATED = '[truncated]';

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
