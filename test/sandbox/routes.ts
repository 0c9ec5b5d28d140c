/**
 * Request parsing and the API endpoints. Handlers are synchronous and return a Reply; the
 * server (server.ts) adds latency, faults and the actual writing.
 */
import { badRequest, idempotencyInFlight, idempotencyKeyReused, routeNotFound, seedError } from './errors';
import type { FaultTarget } from './faults';
import type { IdempotencyStore } from './idempotency';
import type { ProfileRecord, SandboxState } from './state';
import type { Customer, ProfileStatus, Reply } from './types';

/** The account that owns the valid token (GET /users/me). */
export const SANDBOX_USER = {
	id: 123456789,
	nickname: 'TESTSANDBOX123456789',
	email: 'test_user_123456789@testuser.com',
	first_name: 'Test',
	last_name: 'Sandbox',
	site_id: 'MLB',
	country_id: 'BR',
	tags: ['normal', 'test_user'],
} as const;

export const SANDBOX_CALLER_ID = String(SANDBOX_USER.id);
export const SANDBOX_SITE_ID: string = SANDBOX_USER.site_id;

export interface RequestTarget extends FaultTarget {
	method: string;
	rawPath: string;
	rawQuery: string;
	/** Decoded segments; undefined when one is not valid percent-encoding. */
	segments: string[] | undefined;
	query: URLSearchParams;
}

/**
 * Splits the RAW path on '/' and then decodes each segment, so 'a%2Fb' stays one segment and
 * '..' is kept literally (no normalisation): the sandbox must see exactly what the client sent.
 */
export function parseTarget(method: string, url: string): RequestTarget {
	const q = url.indexOf('?');
	const rawPath = q === -1 ? url : url.slice(0, q);
	const rawQuery = q === -1 ? '' : url.slice(q + 1);
	let segments: string[] | undefined;
	if (!rawPath.startsWith('/')) {
		segments = []; // absolute-form or '*': not an API path
	} else {
		try {
			segments = rawPath.slice(1).split('/').map(decodeURIComponent);
		} catch {
			segments = undefined;
		}
	}
	return { method, rawPath, rawQuery, segments, query: new URLSearchParams(rawQuery), ...classify(method, segments ?? []) };
}

function classify(method: string, s: string[]): FaultTarget {
	const unknown: FaultTarget = { route: 'unknown' };
	if (s.length === 2 && s[0] === 'users' && s[1] === 'me') return method === 'GET' ? { route: 'me' } : unknown;
	if (s.length < 3 || s[0] !== 'v1' || s[1] !== 'customers') return unknown;
	if (s.length > 3 && s[3] !== 'payment-profiles') return unknown;
	const customerId = s[2];
	switch (s.length) {
		case 3:
			if (method !== 'GET') return unknown;
			// Like the real API, 'search' shadows a customer with that id.
			return customerId === 'search' ? { route: 'search' } : { route: 'customer', customerId };
		case 4:
			return method === 'GET' ? { route: 'list', customerId } : unknown;
		case 5:
			return method === 'GET' ? { route: 'get', customerId, paymentProfileId: s[4] } : unknown;
		case 6:
			return method === 'POST' && s[5] === 'cancel'
				? { route: 'cancel', customerId, paymentProfileId: s[4] }
				: unknown;
		default:
			return unknown;
	}
}

export interface RouteContext {
	target: RequestTarget;
	/** Raw Authorization header value. */
	authorization: string | undefined;
	idempotencyKey: string | undefined;
	token: string;
	state: SandboxState;
	idempotency: IdempotencyStore;
}

/** Auth, then the endpoint. */
export function handleApi(ctx: RouteContext): Reply {
	if (ctx.authorization === undefined) return seedError('header_missing', 'Authorization');
	if (ctx.authorization !== `Bearer ${ctx.token}`) return seedError('Unauthorized Access Token');
	const { target } = ctx;
	if (target.segments === undefined) return badRequest('The request path is not valid percent-encoding.');
	switch (target.route) {
		case 'me':
			return { status: 200, body: SANDBOX_USER };
		case 'search':
			return searchCustomers(ctx);
		case 'customer': {
			const record = ctx.state.customers.get(target.customerId!);
			return record ? { status: 200, body: record.customer } : routeNotFound();
		}
		case 'list':
			return listProfiles(ctx);
		case 'get': {
			const found = findProfile(ctx.state, target.customerId!, target.paymentProfileId!);
			return 'error' in found ? found.error : { status: 200, body: found.record.profile };
		}
		case 'cancel':
			return cancelProfile(ctx);
		default:
			return routeNotFound();
	}
}

/** Strict: a present but malformed value is a 400, so client bugs show up. */
function parsePaging(query: URLSearchParams, defaultLimit: number): { limit: number; offset: number } | Reply {
	const rawLimit = query.get('limit');
	const rawOffset = query.get('offset');
	const limit = rawLimit === null ? defaultLimit : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
	const offset = rawOffset === null ? 0 : /^\d+$/.test(rawOffset) ? Number(rawOffset) : NaN;
	if (!(limit >= 1 && limit <= 100)) return badRequest('limit must be an integer between 1 and 100');
	if (!(offset >= 0)) return badRequest('offset must be an integer greater than or equal to 0');
	return { limit, offset };
}

function searchCustomers(ctx: RouteContext): Reply {
	const paging = parsePaging(ctx.target.query, 10);
	if ('status' in paging) return paging;
	const email = ctx.target.query.get('email');
	const all: Customer[] = email === null ? ctx.state.customerList : ctx.state.findByEmail(email);
	return {
		status: 200,
		body: {
			paging: { limit: paging.limit, offset: paging.offset, total: all.length },
			results: all.slice(paging.offset, paging.offset + paging.limit),
		},
	};
}

const STATUSES: readonly ProfileStatus[] = ['PENDING', 'READY', 'CANCELLED'];

function listProfiles(ctx: RouteContext): Reply {
	const profiles = ctx.state.customerProfiles(ctx.target.customerId!);
	if (!profiles) return seedError('resource_not_found');
	const paging = parsePaging(ctx.target.query, 50);
	if ('status' in paging) return paging;
	const status = ctx.target.query.get('status');
	if (status !== null && !STATUSES.includes(status as ProfileStatus)) {
		return badRequest(`status must be one of ${STATUSES.join(', ')}`);
	}
	// The filter scans one customer's profiles only, never the whole store.
	const matching = status === null ? profiles : profiles.filter((r) => r.profile.status === status);
	return {
		status: 200,
		body: {
			paging: {
				total: matching.length,
				total_pages: Math.ceil(matching.length / paging.limit),
				offset: paging.offset,
				limit: paging.limit,
			},
			data: matching.slice(paging.offset, paging.offset + paging.limit).map((r) => r.profile),
		},
	};
}

/** The lookup errors shared by get and cancel, in the order the checks run. */
function findProfile(
	state: SandboxState,
	customerId: string,
	profileId: string,
): { record: ProfileRecord } | { error: Reply } {
	if (!state.customers.has(customerId)) return { error: seedError('resource_not_found') };
	const record = state.profiles.get(profileId);
	if (!record) return { error: seedError('resource_not_found') };
	if (record.customerId !== customerId) return { error: seedError('customer_id_mismatch') };
	if (record.callerId !== undefined && record.callerId !== SANDBOX_CALLER_ID) {
		return { error: seedError('caller_id_mismatch') };
	}
	if (record.siteId !== undefined && record.siteId !== SANDBOX_SITE_ID) return { error: seedError('site_id_mismatch') };
	return { record };
}

function cancelProfile(ctx: RouteContext): Reply {
	const key = ctx.idempotencyKey;
	if (key === undefined) return seedError('header_missing', 'X-Idempotency-Key');
	if (key.length < 1 || key.length > 64) return badRequest('X-Idempotency-Key must be between 1 and 64 characters');

	const claim = ctx.idempotency.claim(key, `POST ${ctx.target.rawPath}`);
	switch (claim.kind) {
		case 'inFlight':
			return idempotencyInFlight();
		case 'mismatch':
			return idempotencyKeyReused();
		case 'replay':
			return {
				...claim.result,
				headers: { ...claim.result.headers, 'X-Idempotency-Replayed': 'true' },
				replayed: true,
			};
	}

	// The state changes now; the key counts as completed (replayable) only once the answer is due.
	const reply = applyCancel(ctx.state, ctx.target.customerId!, ctx.target.paymentProfileId!);
	reply.settle = () => ctx.idempotency.settle(key, claim.record, reply);
	return reply;
}

function applyCancel(state: SandboxState, customerId: string, profileId: string): Reply {
	const found = findProfile(state, customerId, profileId);
	if ('error' in found) return found.error;
	const { record } = found;
	if (record.failWith !== undefined) return seedError(record.failWith);
	// Already cancelled: success without acting again (cancelCount unchanged).
	if (record.profile.status !== 'CANCELLED') state.cancel(record);
	return { status: 204 };
}
