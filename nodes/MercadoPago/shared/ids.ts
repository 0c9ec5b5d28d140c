import { PROBLEMS } from '../errors/problems';

/** An id made ready for one path segment, or why it cannot be sent (with the value as the input gave it). */
export type IdResult = { ok: true; id: string } | { ok: false; problem: string; given: unknown };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a surrogate pair without its other half: what a broken CSV export leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function normaliseId(label: string, value: unknown): IdResult {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		return { ok: false, problem: PROBLEMS.idNotText(label, value), given: value ?? null };
	}
	const id = value.trim();
	const refuse = (problem: string): IdResult => ({ ok: false, problem, given: id });
	if (id === '') return refuse(PROBLEMS.idEmpty(label));
	// Percent-encoding keeps `/`, `?` and `#` inside the segment, but `.` and `..` would still be read as paths.
	if (id === '.' || id === '..') return refuse(PROBLEMS.idDots(label, id));
	if (CONTROL.test(id)) return refuse(PROBLEMS.idControl(label));
	// encodeURIComponent and the key derivation both throw on these.
	if (LONE_SURROGATE.test(id)) return refuse(PROBLEMS.idMalformed(label));
	return { ok: true, id };
}
