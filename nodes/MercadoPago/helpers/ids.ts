/** An id as the user gave it, made ready for one path segment, or the reason it cannot be sent. */
export type IdResult = { ok: true; id: string } | { ok: false; problem: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function normaliseId(label: string, value: unknown): IdResult {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		return { ok: false, problem: `${label} must be text or a number, got ${value === null ? 'null' : typeof value}` };
	}
	const id = value.trim();
	if (id === '') return { ok: false, problem: `${label} is empty` };
	// Percent-encoding keeps `/`, `?` and `#` inside the segment, but `.` and `..` would still be read as paths.
	if (id === '.' || id === '..') return { ok: false, problem: `${label} cannot be "${id}"` };
	if (CONTROL.test(id)) return { ok: false, problem: `${label} holds a control character` };
	return { ok: true, id };
}
