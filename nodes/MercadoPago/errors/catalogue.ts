/**
 * The error catalogue: the one table of every error `code` this node can put on an item.
 * README's error table and the tests are read from here, so a code is added in one place.
 *
 * Rows 1-7 and 9 come from Mercado Pago's page for the cancel endpoint; the rest describe
 * failures that happen on our side of the wire.
 */
export interface CatalogueEntry {
	/** HTTP status Mercado Pago documents for the code; null when no HTTP answer is involved. */
	httpStatus: number | null;
	/** One line for a person. */
	message: string;
	/** What to check or do next. */
	description: string;
	/** Whether a later attempt with the same idempotency key may succeed. */
	retryable: boolean;
	/** Advice for a failed read, where the description's talk of cancellations does not fit. */
	readDescription?: string;
}

export const ERROR_CATALOGUE = {
	customer_id_mismatch: {
		httpStatus: 400,
		message: 'The payment profile does not belong to this customer',
		description:
			'The customer ID sent does not match the payment profile. Check that both IDs come from the same customer and try again.',
		retryable: false,
	},
	caller_id_mismatch: {
		httpStatus: 400,
		message: 'The payment profile does not belong to this Mercado Pago account',
		description:
			"The caller ID (the account that owns the access token) does not match the payment profile. Use the credential of the account that created the profile.",
		retryable: false,
	},
	site_id_mismatch: {
		httpStatus: 400,
		message: "The payment profile belongs to another Mercado Pago site (country)",
		description:
			"The account's site ID does not match the payment profile. Use a credential of the same country as the profile.",
		retryable: false,
	},
	unknown_error_occurred: {
		httpStatus: 400,
		message: 'Mercado Pago reported an unknown error',
		description: 'Contact Mercado Pago support with the idempotency key and the IDs of this item.',
		retryable: false,
		readDescription:
			'Contact Mercado Pago support with the IDs of this item.',
	},
	header_missing: {
		httpStatus: 401,
		message: 'Mercado Pago says a required header is missing',
		description:
			'The Authorization or X-Idempotency-Key header did not reach Mercado Pago. Check any proxy between n8n and Mercado Pago (the credential\'s Base URL).',
		retryable: false,
		readDescription:
			"The Authorization header did not reach Mercado Pago. Check any proxy between n8n and Mercado Pago (the credential's Base URL).",
	},
	unauthorized_access_token: {
		httpStatus: 401,
		message: 'The access token was rejected',
		description:
			'Check the Access Token in the Mercado Pago API credential: it may be wrong, expired, revoked or from another application.',
		retryable: false,
	},
	resource_not_found: {
		httpStatus: 404,
		message: 'The payment profile was not found',
		description:
			'Check the customer ID and the payment profile ID, and that the profile belongs to the account of the access token.',
		retryable: false,
	},
	too_many_requests: {
		httpStatus: 429,
		message: 'Mercado Pago rate limit exceeded and the retries ran out',
		description:
			'Lower the Concurrency or set Max Requests per Second in the options, or raise Max Retries. Re-running is safe: the idempotency key stays the same.',
		retryable: true,
		readDescription:
			'Lower the Concurrency or set Max Requests per Second in the options, or raise Max Retries. Running it again is safe: reading changes nothing.',
	},
	internal_server_error: {
		httpStatus: 500,
		message: 'Mercado Pago had an internal error and the retries ran out',
		description:
			'Try again later; re-running is safe with the same idempotency key. If it persists, contact Mercado Pago support with the idempotency key.',
		retryable: true,
		readDescription:
			'Try again later: reading changes nothing, so running it again is safe. If it persists, contact Mercado Pago support.',
	},
	invalid_input: {
		httpStatus: null,
		message: 'The input of this item is not valid, so nothing was sent',
		description:
			'IDs must be non-empty and must not be "." or ".." or hold control characters; a custom idempotency key must be 1 to 64 visible ASCII characters.',
		retryable: false,
	},
	timeout: {
		httpStatus: null,
		message: 'Mercado Pago did not answer in time and the retries ran out',
		description:
			'The cancellation may or may not have been applied. Re-run with the same idempotency key to find out safely, or raise the Timeout option.',
		retryable: true,
		readDescription:
			'Reading changes nothing, so running it again is safe. Raise the Timeout option if Mercado Pago is slow.',
	},
	network_error: {
		httpStatus: null,
		message: 'The connection to Mercado Pago failed and the retries ran out',
		description:
			"The cancellation may or may not have been applied. Check the network, proxy settings and the credential's Base URL, then re-run with the same idempotency key.",
		retryable: true,
		readDescription:
			"Check the network, proxy settings and the credential's Base URL, then run it again: reading changes nothing.",
	},
	cancelled: {
		httpStatus: null,
		message: 'The execution was stopped before Mercado Pago confirmed this item',
		description:
			'The cancellation may or may not have been applied. Re-run with the same idempotency key to find out safely.',
		retryable: true,
		readDescription:
			'The execution was stopped while reading. Running it again is safe: reading changes nothing.',
	},
} as const satisfies Record<string, CatalogueEntry>;

export type CatalogueCode = keyof typeof ERROR_CATALOGUE;

/** Codes Mercado Pago documents for the payment-profile endpoints: they win wherever they appear in a body. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set<CatalogueCode>([
	'customer_id_mismatch',
	'caller_id_mismatch',
	'site_id_mismatch',
	'unknown_error_occurred',
	'header_missing',
	'unauthorized_access_token',
	'resource_not_found',
	'too_many_requests',
	'internal_server_error',
]);

export function isCatalogued(code: string): code is CatalogueCode {
	return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}
