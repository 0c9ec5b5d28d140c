/**
 * The error catalogue: every `code` this node can put on an item, with every word it says
 * about it. README's error table and the tests read it, so a code is added in one place.
 *
 * Words may hold placeholders that the failing operation fills in from its `Wording`:
 * `{subject}` (what it reads or changes: "payment profile"), `{act}` (what a write does:
 * "cancellation") and `{check}` (how to see whether a write happened: "Payment Profile > Get").
 */
export type OperationKind = 'read' | 'write';

/** How one operation speaks of what it does; declared by the operation. */
export interface Wording {
	kind: OperationKind;
	subject: string;
	/** Writes only. */
	act?: string;
	/** Writes only. */
	check?: string;
}

export interface CatalogueEntry {
	/** HTTP status the code comes with; null when no HTTP answer is involved. */
	httpStatus: number | null;
	/** Mercado Pago documents the code for these endpoints: it wins wherever it appears in a body. */
	documented: boolean;
	/**
	 * Without a documented code in the body, an answer with this status gets this code
	 * (the 5xx entry stands for every 5xx).
	 */
	statusFallback?: true;
	/** Whether a later attempt with the same request may succeed. */
	retryable: boolean;
	/** One line for a person. */
	message: string;
	/** What to check or do next: one text, or one for writes and one for reads. */
	advice: string | { write: string; read: string };
}

const SAME_KEY = 'Re-running is safe: the idempotency key stays the same.';
const READ_AGAIN = 'Running it again is safe: reading changes nothing.';

export const ERROR_CATALOGUE = {
	customer_id_mismatch: {
		httpStatus: 400,
		documented: true,
		retryable: false,
		message: 'The {subject} does not belong to this customer',
		advice: 'The customer ID sent does not match the {subject}. Check that both IDs come from the same customer and try again.',
	},
	caller_id_mismatch: {
		httpStatus: 400,
		documented: true,
		retryable: false,
		message: 'The {subject} does not belong to this Mercado Pago account',
		advice:
			'The caller ID (the account that owns the access token) does not match the {subject}. Use the credential of the account that created it.',
	},
	site_id_mismatch: {
		httpStatus: 400,
		documented: true,
		retryable: false,
		message: 'The {subject} belongs to another Mercado Pago site (country)',
		advice: "The account's site ID does not match the {subject}. Use a credential of the same country as the {subject}.",
	},
	unknown_error_occurred: {
		httpStatus: 400,
		documented: true,
		retryable: false,
		message: 'Mercado Pago reported an unknown error',
		advice: {
			write: 'Contact Mercado Pago support with the idempotency key and the IDs of this item.',
			read: 'Contact Mercado Pago support with the IDs of this item.',
		},
	},
	header_missing: {
		httpStatus: 401,
		documented: true,
		retryable: false,
		message: 'Mercado Pago says a required header is missing',
		advice: {
			write:
				"The Authorization or X-Idempotency-Key header did not reach Mercado Pago. Check any proxy between n8n and Mercado Pago (the credential's Base URL).",
			read: "The Authorization header did not reach Mercado Pago. Check any proxy between n8n and Mercado Pago (the credential's Base URL).",
		},
	},
	unauthorized_access_token: {
		httpStatus: 401,
		documented: true,
		statusFallback: true,
		retryable: false,
		message: 'The access token was rejected',
		advice:
			'Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
	},
	resource_not_found: {
		httpStatus: 404,
		documented: true,
		statusFallback: true,
		retryable: false,
		message: 'The {subject} was not found',
		advice: 'Check the IDs of this item, and that the {subject} belongs to the account of the access token.',
	},
	too_many_requests: {
		httpStatus: 429,
		documented: true,
		statusFallback: true,
		retryable: true,
		message: "Mercado Pago's rate limit kept refusing the request for longer than the Rate Limit Wait",
		advice: {
			write: `Run it again later, or raise Rate Limit Wait in the options; a lower Concurrency or a Max Requests per Second under the limit also helps. ${SAME_KEY}`,
			read: `Run it again later, or raise Rate Limit Wait in the options; a lower Concurrency or a Max Requests per Second under the limit also helps. ${READ_AGAIN}`,
		},
	},
	internal_server_error: {
		httpStatus: 500,
		documented: true,
		statusFallback: true,
		retryable: true,
		message: 'Mercado Pago had an internal error and the retries ran out',
		advice: {
			write: `Try again later. ${SAME_KEY} If it persists, contact Mercado Pago support with the idempotency key.`,
			read: `Try again later. ${READ_AGAIN} If it persists, contact Mercado Pago support.`,
		},
	},
	subscription_cancelled: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: 'The subscription is cancelled: it can no longer be paused or resumed',
		advice:
			'A cancelled subscription stays cancelled. Nothing was changed. To bill this payer again, create a new subscription in Mercado Pago.',
	},
	unexpected_response: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: "Mercado Pago's answer is not one the node can trust",
		advice: {
			write:
				"The answer does not prove the {act} happened: it may or may not have. Check with {check} before anything else; a re-run is safe with the same idempotency key. Check the credential's Base URL too: a proxy or sign-in page answers like this.",
			read: `The answer was not the data asked for. Check the credential's Base URL: a proxy or sign-in page answers like this. ${READ_AGAIN}`,
		},
	},
	too_many_results: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: 'More results than the node returns for one item',
		advice: 'Narrow the search with its filters, or turn Return All off and set a Limit.',
	},
	invalid_input: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: 'The input of this item is not valid, so nothing was sent',
		advice:
			'The message names the field. IDs must be well-formed text, non-empty, not "." or ".." and without control characters; a search needs a whole email address and a Status filter one of its statuses; Dry Run and the other switches must be true or false, the same for every item; a custom idempotency key must be 1 to 64 visible ASCII characters and name one request per run.',
	},
	invalid_credential: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: 'The Mercado Pago API credential cannot be used, so nothing was sent',
		advice:
			'Open the credential: the Access Token must be set and hold no line breaks or control characters, and the Base URL must be https:// (plain http only for a sandbox on this machine), with no user name, password, query or fragment.',
	},
	timeout: {
		httpStatus: null,
		documented: false,
		retryable: true,
		message: 'Mercado Pago did not answer in time and the retries ran out',
		advice: {
			write: `The {act} may or may not have happened. ${SAME_KEY} Raise the Timeout option if Mercado Pago is slow.`,
			read: `${READ_AGAIN} Raise the Timeout option if Mercado Pago is slow.`,
		},
	},
	network_error: {
		httpStatus: null,
		documented: false,
		retryable: true,
		message: 'The connection to Mercado Pago failed and the retries ran out',
		advice: {
			write: `The {act} may or may not have happened. Check the network, proxy settings and the credential's Base URL: when several connections in a row are refused or its host is not found, the rest of the run is not tried. ${SAME_KEY}`,
			read: `Check the network, proxy settings and the credential's Base URL: when several connections in a row are refused or its host is not found, the rest of the run is not tried. ${READ_AGAIN}`,
		},
	},
	cancelled: {
		httpStatus: null,
		documented: false,
		retryable: true,
		message: 'The execution was stopped before Mercado Pago confirmed this item',
		advice: {
			write: `The {act} may or may not have happened. ${SAME_KEY}`,
			read: `The execution was stopped while reading. ${READ_AGAIN}`,
		},
	},
	local_error: {
		httpStatus: null,
		documented: false,
		retryable: false,
		message: 'This item failed inside n8n, not at Mercado Pago',
		advice: {
			write:
				'If attempts is 0, nothing was sent. Otherwise the {act} may or may not have happened: check with {check}. The message says what failed: a proxy setting of this n8n, or a bug to report.',
			read: 'The message says what failed: a proxy setting of this n8n, or a bug to report.',
		},
	},
} as const satisfies Record<string, CatalogueEntry>;

export type CatalogueCode = keyof typeof ERROR_CATALOGUE;

const entries = Object.entries(ERROR_CATALOGUE) as Array<[CatalogueCode, CatalogueEntry]>;

/** Codes Mercado Pago documents: they win over generic codes wherever they appear in a body. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(entries.filter(([, e]) => e.documented).map(([c]) => c));

const FALLBACKS = new Map(entries.filter(([, e]) => e.statusFallback).map(([code, e]) => [e.httpStatus, code]));

/** The code an answer without a documented code gets from its status alone, if any. */
export function codeForStatus(status: number): CatalogueCode | undefined {
	return FALLBACKS.get(status) ?? (status >= 500 ? FALLBACKS.get(500) : undefined);
}

export function isCatalogued(code: string): code is CatalogueCode {
	return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

/** The entry's advice for this kind of operation, with the operation's words filled in. */
export function adviceFor(entry: CatalogueEntry, wording: Wording): string {
	const text = typeof entry.advice === 'string' ? entry.advice : entry.advice[wording.kind];
	return fill(text, wording);
}

export function fill(text: string, wording: Wording): string {
	return text
		.replace(/\{subject\}/g, wording.subject)
		.replace(/\{act\}/g, wording.act ?? 'change')
		.replace(/\{check\}/g, wording.check ?? 'a read of it');
}
