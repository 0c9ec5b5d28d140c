import { PROBLEMS } from '../errors/problems';
import { fieldText } from './fieldText';

/** An id made ready for one path segment, or why it cannot be sent (with the value exactly as the input gave it). */
export type IdResult = { ok: true; id: string } | { ok: false; problem: string; given: unknown };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a surrogate pair without its other half: what a broken CSV export leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `reserved`: names the API gives a sibling endpoint at the id's place in the path (GET
 * /preapproval/search is the search, not a subscription): sent, such an id would reach that
 * endpoint and its answer would be taken for the object.
 */
export function normaliseId(label: string, value: unknown, reserved: readonly string[] = []): IdResult {
	const refuse = (problem: string): IdResult => ({ ok: false, problem, given: value ?? null });
	const text = fieldText(label, value);
	if (!text.ok) return refuse(text.problem);
	const id = text.text;
	// Percent-encoding keeps `/`, `?` and `#` inside the segment, but `.` and `..` would still be read as paths.
	if (id === '.' || id === '..') return refuse(PROBLEMS.idDots(label, id));
	if (CONTROL.test(id)) return refuse(PROBLEMS.idControl(label));
	// encodeURIComponent and the key derivation both throw on these.
	if (LONE_SURROGATE.test(id)) return refuse(PROBLEMS.idMalformed(label));
	if (reserved.includes(id.toLowerCase())) return refuse(PROBLEMS.idReserved(label, id));
	return { ok: true, id };
}
