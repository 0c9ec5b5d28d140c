/**
 * Keeps secrets out of everything an answer can carry back into n8n: text bodies, every
 * string of a JSON body (keys too), network error messages. A server may echo the token
 * as it is, upper-cased, percent-encoded, JSON- or HTML-escaped or in base64: the token as
 * it is is cut out and replaced by [redacted]; a string that holds it in any other form is
 * replaced whole.
 */
export const REDACTED = '[redacted]';

export class Redactor {
	/** Forms whose presence, after decoding escapes, redacts the whole string. */
	private readonly hidden: string[];

	constructor(private readonly secret: string) {
		this.hidden = [secret.toLowerCase(), ...base64Cores(secret), ...base64Cores(`Bearer ${secret}`)];
	}

	text(value: string): string {
		const out = value.includes(this.secret) ? value.split(this.secret).join(REDACTED) : value;
		const lower = out.toLowerCase();
		if (this.hidden.some((form) => out.includes(form) || lower.includes(form))) return REDACTED;
		if (ESCAPED.test(out)) {
			const decoded = decodeEscapes(out).toLowerCase();
			if (this.hidden.some((form) => decoded.includes(form))) return REDACTED;
		}
		return out;
	}

	/** Parsed JSON with every string redacted; depth is bounded by the caller. */
	deep(value: unknown): unknown {
		if (typeof value === 'string') return this.text(value);
		if (typeof value !== 'object' || value === null) return value;
		if (Array.isArray(value)) return value.map((entry) => this.deep(entry));
		const out: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) out[this.text(key)] = this.deep(entry);
		return out;
	}
}

const ESCAPED = /%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|&#x?[0-9a-f]+;/i;

function decodeEscapes(text: string): string {
	return text
		.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16))))
		.replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Math.min(0x10ffff, parseInt(dec, 10))));
}

/**
 * What every base64 encoding of a text holding `secret` contains, whatever stands before
 * it: for each of the three alignments, the encoding minus its first and last group.
 */
function base64Cores(secret: string): string[] {
	const cores: string[] = [];
	for (let shift = 0; shift < 3; shift++) {
		const encoded = Buffer.from('\0'.repeat(shift) + secret, 'utf8').toString('base64');
		const core = encoded.slice(shift === 0 ? 0 : 4, -4);
		if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}
