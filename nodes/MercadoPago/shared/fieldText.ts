import { PROBLEMS } from '../errors/problems';

/**
 * A field that must hold text, as a sheet or an expression gives it: a number becomes its
 * text, surrounding spaces go; a missing, null or blank value is "<label> is empty", never an
 * empty string that a request would quietly leave out.
 */
export function fieldText(label: string, value: unknown): { ok: true; text: string } | { ok: false; problem: string } {
	if (value === undefined || value === null) return { ok: false, problem: PROBLEMS.empty(label) };
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string') return { ok: false, problem: PROBLEMS.notText(label, value) };
	const trimmed = text.trim();
	return trimmed === '' ? { ok: false, problem: PROBLEMS.empty(label) } : { ok: true, text: trimmed };
}
