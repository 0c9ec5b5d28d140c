/**
 * Error bodies. The cancel endpoint's table comes from the vendor page
 * (seed/cancel-payment-profile.md); the other shapes from mercadopago-api.md.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorShape, Reply } from './types';

interface KnownError {
	status: number;
	/** Value of the `error` field. */
	error: string;
	/** Value of `message`; defaults to the description. */
	message?: string;
	description: string;
}

/** The seed's table, keyed by its "Error" column (which we also use as `cause[].code`). */
export const SEED_ERRORS: Readonly<Record<string, KnownError>> = {
	customer_id_mismatch: {
		status: 400,
		error: 'customer_id_mismatch',
		description:
			'Request failed because the "customer_id" sent does not match the payment profile. Verify if the correct value was sent and try again.',
	},
	caller_id_mismatch: {
		status: 400,
		error: 'caller_id_mismatch',
		description:
			'Request failed because the "caller_id" sent does not match the payment profile. Verify if the correct value was sent and try again.',
	},
	site_id_mismatch: {
		status: 400,
		error: 'site_id_mismatch',
		description:
			'Request failed because the "site_id" does not match the payment profile. Verify if the correct value was sent and try again.',
	},
	unknown_error_occurred: {
		status: 400,
		error: 'unknown_error_occurred',
		description: 'Unknown error. Contact Support for more information.',
	},
	header_missing: {
		status: 401,
		error: 'header_missing',
		description:
			'Request failed because a required header is missing. Make sure that all necessary authentication headers are being sent.',
	},
	// Codes with spaces read like titles: real APIs put them in `message` and a slug in `error`.
	'Unauthorized Access Token': {
		status: 401,
		error: 'unauthorized',
		message: 'Unauthorized Access Token',
		description: 'The value sent as Access Token is incorrect. Please check and try again with the correct value.',
	},
	resource_not_found: {
		status: 404,
		error: 'resource_not_found',
		description:
			'Request failed because the payment profile was not found. Verify that the payment profile ID, customer ID and caller ID are correct.',
	},
	'Too Many Requests': {
		status: 429,
		error: 'too_many_requests',
		message: 'Too Many Requests',
		description:
			'Request failed because the request rate has been exceeded. Reduce the frequency or implement a retry system with exponential backoff.',
	},
	internal_server_error: {
		status: 500,
		error: 'internal_server_error',
		description:
			'Request failed due to an internal server error. Please try again later and, if the problem persists, contact Support with error details.',
	},
};

/** 'Bad Gateway' -> 'bad_gateway': the generic `error` value for a status. */
export function genericError(status: number): string {
	return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** `{ message, error, status, cause: [...] }`, the classic Mercado Pago body. */
export function classic(status: number, error: string, message: string, cause: unknown[] = []): Reply {
	return { status, body: { message, error, status, cause } };
}

/** A classic body for one of the seed's codes; an unknown code (failWith) answers 400. `data` names e.g. the missing header. */
export function seedError(code: string, data?: string): Reply {
	const known = SEED_ERRORS[code] ?? {
		status: 400,
		error: code,
		description: `Request failed with "${code}".`,
	};
	const cause: Record<string, unknown> = { code, description: known.description };
	if (data !== undefined) cause.data = data;
	return classic(known.status, known.error, known.message ?? known.description, [cause]);
}

export function badRequest(description: string): Reply {
	return classic(400, 'bad_request', description, [{ code: 'bad_request', description }]);
}

/** Anything not routed. */
export function routeNotFound(): Reply {
	return classic(404, 'not_found', 'resource not found');
}

/** A payment, charge or plan that does not exist, as the classic body. */
export function objectNotFound(what: string, id: string): Reply {
	return classic(404, 'not_found', `${what} not found`, [{ code: 'not_found', description: `${what} ${id} not found` }]);
}

export function tooManyRequests(retryAfterSeconds: number): Reply {
	const reply = seedError('Too Many Requests');
	reply.headers = { 'Retry-After': String(retryAfterSeconds) };
	return reply;
}

/** Same key while the first request with it is still running. Note `status` as a string, as seen in public sources. */
export function idempotencyInFlight(): Reply {
	return {
		status: 409,
		body: {
			message: 'The process has not been completed yet. Try again later.',
			error: 'conflict',
			status: '409',
			cause: [],
		},
	};
}

/** Same key with a different request (the Orders API's wording). */
export function idempotencyKeyReused(): Reply {
	return {
		status: 409,
		body: {
			error: 'idempotency_key_already_used',
			message: 'The idempotency key has already been used with a different request.',
			status: 409,
		},
	};
}

/** Default code for an errorShape fault that gives none: the seed's code for that status when there is one. */
const DEFAULT_CODE_BY_STATUS: Readonly<Record<number, string>> = {
	400: 'unknown_error_occurred',
	401: 'Unauthorized Access Token',
	404: 'resource_not_found',
	429: 'Too Many Requests',
	500: 'internal_server_error',
};

/**
 * Builds one of the known error layouts. Where the code ends up:
 * classic, causeObject: `error` and cause code; causeNull, statusString: `error` only;
 * causeMessage, numericCode: cause code only (`error` is generic); details: `code`;
 * errors: `errors[0].code`; messageOnly: `message` only.
 */
export function shapedError(status: number, shape: ErrorShape, code?: string | number, message?: string): Reply {
	const c = code ?? DEFAULT_CODE_BY_STATUS[status] ?? genericError(status);
	const text = String(c);
	const description = message ?? SEED_ERRORS[text]?.description ?? STATUS_CODES[status] ?? 'Error';
	const generic = genericError(status);
	let body: unknown;
	switch (shape) {
		case 'classic':
			body = { message: description, error: text, status, cause: [{ code: c, description, data: null }] };
			break;
		case 'causeObject':
			body = { message: description, error: text, status, cause: { code: c, description } };
			break;
		case 'causeNull':
			body = { message: description, error: text, status, cause: null };
			break;
		case 'statusString':
			body = { message: description, error: text, status: String(status), cause: [] };
			break;
		case 'causeMessage':
			body = { message: description, error: generic, status, cause: [{ code: c, message: description }] };
			break;
		case 'numericCode': {
			const numeric = typeof c === 'number' ? c : /^\d+$/.test(text) ? Number(text) : 1;
			body = { message: description, error: generic, status, cause: [{ code: numeric, description }] };
			break;
		}
		case 'details':
			body = { code: text, message: description, details: [description] };
			break;
		case 'errors':
			body = { errors: [{ code: text, message: description, details: [] }] };
			break;
		case 'messageOnly':
			body = { message: text, status };
			break;
	}
	return { status, body };
}

/**
 * The preapproval API's refusals, with the texts Mercado Pago's reference lists. Bodies seen
 * carry only `message` and `status`: no code the node could branch on.
 */
export function subscriptionError(kind: 'notFound' | 'invalidStatus' | 'invalidTransition' | 'cancelled' | 'resumeCancelled' | 'paused', id: string): Reply {
	const refusal = (status: number, message: string): Reply => ({ status, body: { message, status } });
	switch (kind) {
		case 'notFound':
			return refusal(404, `The preapproval with id ${id} does not exist`);
		case 'invalidStatus':
			return badRequest('status must be one of authorized, paused, cancelled');
		case 'invalidTransition':
			return refusal(400, 'This preapproval can not be authorized with a credit card');
		case 'cancelled':
			return refusal(400, 'You can not modify a cancelled preapproval.');
		case 'resumeCancelled':
			return refusal(400, 'Invalid transition from cancelled to authorized');
		case 'paused':
			return refusal(400, 'You can not modify a paused subscription.');
	}
}
