/**
 * Request parsing and the API endpoints, one row of ROUTES each. Handlers are synchronous
 * and return a Reply; the server (server.ts) adds latency, faults and the actual writing.
 * A new endpoint is one row here (and its state in state.ts when it keeps any): its kind, which
 * the request log and the fault matchers use, comes from the row.
 */
import { badRequest, idempotencyInFlight, idempotencyKeyReused, objectNotFound, routeNotFound, seedError, subscriptionError } from './errors';
import type { FaultTarget } from './faults';
import type { IdempotencyStore } from './idempotency';
import type { ProfileRecord, SandboxState } from './state';
import type { Behaviour, Customer, ProfileStatus, Reply, SubscriptionStatus } from './types';

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

type Params = Partial<Record<'customerId' | 'paymentProfileId' | 'subscriptionId' | 'objectId', string>>;

export interface RouteContext {
	target: RequestTarget;
	/** Raw Authorization header value. */
	authorization: string | undefined;
	idempotencyKey: string | undefined;
	/** The request body, parsed as JSON when it is JSON. */
	body: unknown;
	token: string;
	state: SandboxState;
	idempotency: IdempotencyStore;
	behaviour: Behaviour;
}

interface Route {
	/** What the request log and fault matchers call the endpoint. */
	kind: string;
	method: string;
	/** Literal segments, or `:name` for a parameter. Rows are tried in order. */
	path: readonly string[];
	handle(ctx: RouteContext, params: Params): Reply;
}

const ROUTES = [
	{ kind: 'me', method: 'GET', path: ['users', 'me'], handle: () => ({ status: 200, body: SANDBOX_USER }) },
	// Like the real API, 'search' shadows a customer with that id.
	{ kind: 'search', method: 'GET', path: ['v1', 'customers', 'search'], handle: searchCustomers },
	{
		kind: 'customer',
		method: 'GET',
		path: ['v1', 'customers', ':customerId'],
		handle: (ctx, { customerId }) => {
			const record = ctx.state.customers.get(customerId!);
			return record ? { status: 200, body: record.customer } : routeNotFound();
		},
	},
	{ kind: 'list', method: 'GET', path: ['v1', 'customers', ':customerId', 'payment-profiles'], handle: listProfiles },
	{
		kind: 'get',
		method: 'GET',
		path: ['v1', 'customers', ':customerId', 'payment-profiles', ':paymentProfileId'],
		handle: (ctx, { customerId, paymentProfileId }) => {
			const found = findProfile(ctx.state, customerId!, paymentProfileId!);
			return 'error' in found ? found.error : { status: 200, body: found.record.profile };
		},
	},
	{
		kind: 'cancel',
		method: 'POST',
		path: ['v1', 'customers', ':customerId', 'payment-profiles', ':paymentProfileId', 'cancel'],
		handle: (ctx, { customerId, paymentProfileId }) =>
			withIdempotency(ctx, { required: true, honoured: true }, () => applyCancel(ctx, customerId!, paymentProfileId!)),
	},
	{ kind: 'subscriptionSearch', method: 'GET', path: ['preapproval', 'search'], handle: searchSubscriptions },
	{
		kind: 'subscription',
		method: 'GET',
		path: ['preapproval', ':subscriptionId'],
		handle: (ctx, { subscriptionId }) => {
			const record = ctx.state.subscriptions.get(subscriptionId!);
			return record ? { status: 200, body: record } : subscriptionError('notFound', subscriptionId!);
		},
	},
	{
		kind: 'subscriptionUpdate',
		method: 'PUT',
		path: ['preapproval', ':subscriptionId'],
		handle: (ctx, { subscriptionId }) =>
			withIdempotency(ctx, { required: false, honoured: ctx.behaviour.subscriptionKeys === 'honoured' }, () =>
				updateSubscription(ctx, subscriptionId!),
			),
	},
	// The objects notifications name, read by the trigger.
	{ kind: 'payment', method: 'GET', path: ['v1', 'payments', ':objectId'], handle: (ctx, { objectId }) => readObject(ctx.state.payments, objectId!, 'Payment') },
	// Like the real API, 'search' shadows a charge with that id.
	{ kind: 'chargeSearch', method: 'GET', path: ['authorized_payments', 'search'], handle: searchCharges },
	{
		kind: 'authorizedPayment',
		method: 'GET',
		path: ['authorized_payments', ':objectId'],
		handle: (ctx, { objectId }) => readObject(ctx.state.authorizedPayments, objectId!, 'Authorized payment'),
	},
	{ kind: 'plan', method: 'GET', path: ['preapproval_plan', ':objectId'], handle: (ctx, { objectId }) => readObject(ctx.state.plans, objectId!, 'Preapproval plan') },
] as const satisfies readonly Route[];

/** Which endpoint a request addressed: a row's kind, or 'unknown' for anything that is not routed (404). */
export type RouteKind = (typeof ROUTES)[number]['kind'] | 'unknown';

function readObject(objects: ReadonlyMap<string, object>, id: string, what: string): Reply {
	const found = objects.get(id);
	return found ? { status: 200, body: found } : objectNotFound(what, id);
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
	const { route, params } = match(method, segments ?? []);
	return { method, rawPath, rawQuery, segments, query: new URLSearchParams(rawQuery), route: route?.kind ?? 'unknown', ...params };
}

function match(method: string, segments: string[]): { route?: (typeof ROUTES)[number]; params: Params } {
	for (const route of ROUTES) {
		if (route.method !== method || route.path.length !== segments.length) continue;
		const params: Params = {};
		const fits = route.path.every((part, i) => {
			if (part.startsWith(':')) {
				params[part.slice(1) as keyof Params] = segments[i];
				return true;
			}
			return part === segments[i];
		});
		if (fits) return { route, params };
	}
	return { params: {} };
}

/** Auth, then the endpoint. */
export function handleApi(ctx: RouteContext): Reply {
	if (ctx.authorization === undefined) return seedError('header_missing', 'Authorization');
	if (ctx.authorization !== `Bearer ${ctx.token}`) return seedError('Unauthorized Access Token');
	const { target } = ctx;
	if (target.segments === undefined) return badRequest('The request path is not valid percent-encoding.');
	const { route, params } = match(target.method, target.segments);
	return route ? route.handle(ctx, params) : routeNotFound();
}

/**
 * The X-Idempotency-Key contract of a write: a `required` key missing is refused; an
 * `honoured` key seen before replays its first answer (an ignored one changes nothing). The
 * state changes on arrival; the key counts as completed (replayable) only once the answer is due.
 */
function withIdempotency(ctx: RouteContext, rules: { required: boolean; honoured: boolean }, apply: () => Reply): Reply {
	const key = ctx.idempotencyKey;
	if (key === undefined) return rules.required ? seedError('header_missing', 'X-Idempotency-Key') : apply();
	if (!rules.honoured) return apply();
	if (key.length < 1 || key.length > 64) return badRequest('X-Idempotency-Key must be between 1 and 64 characters');

	const claim = ctx.idempotency.claim(key, `${ctx.target.method} ${ctx.target.rawPath} ${JSON.stringify(ctx.body ?? null)}`);
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
	const reply = apply();
	reply.settle = () => ctx.idempotency.settle(key, claim.record, reply);
	return reply;
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
	return searchPage(all, paging);
}

const STATUSES: readonly ProfileStatus[] = ['PENDING', 'READY', 'CANCELLED'];

function listProfiles(ctx: RouteContext, { customerId }: Params): Reply {
	const profiles = ctx.state.customerProfiles(customerId!);
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

function applyCancel(ctx: RouteContext, customerId: string, profileId: string): Reply {
	const found = findProfile(ctx.state, customerId, profileId);
	if ('error' in found) return found.error;
	const { record } = found;
	if (record.failWith !== undefined) return seedError(record.failWith);
	if (record.profile.status === 'CANCELLED') {
		// What Mercado Pago answers here is unconfirmed: the sandbox plays either answer.
		const answer = ctx.behaviour.alreadyCancelled;
		return answer.status === 204 ? { status: 204 } : seedError(answer.code);
	}
	ctx.state.cancel(record);
	return { status: 204 };
}

const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = ['pending', 'authorized', 'paused', 'cancelled'];

function searchSubscriptions(ctx: RouteContext): Reply {
	const { query } = ctx.target;
	const paging = parsePaging(query, 20);
	if ('status' in paging) return paging;
	const status = query.get('status');
	if (status !== null && !SUBSCRIPTION_STATUSES.includes(status as SubscriptionStatus)) {
		return badRequest(`status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`);
	}
	const email = query.get('payer_email')?.toLowerCase();
	const matching = ctx.state.subscriptionList.filter(
		(s) => (email === undefined || s.payer_email.toLowerCase() === email) && (status === null || s.status === status),
	);
	return searchPage(matching, paging);
}

/** A page of a `/search` endpoint: its `paging` and its `results`. */
function searchPage(matching: readonly object[], paging: { limit: number; offset: number }): Reply {
	return {
		status: 200,
		body: {
			paging: { offset: paging.offset, limit: paging.limit, total: matching.length },
			results: matching.slice(paging.offset, paging.offset + paging.limit),
		},
	};
}

/** A subscription's charges, oldest first; without `preapproval_id`, every charge of the account. */
function searchCharges(ctx: RouteContext): Reply {
	const paging = parsePaging(ctx.target.query, 20);
	if ('status' in paging) return paging;
	const subscriptionId = ctx.target.query.get('preapproval_id');
	const matching = subscriptionId === null ? [...ctx.state.authorizedPayments.values()] : ctx.state.chargesOf(subscriptionId);
	return searchPage(matching, paging);
}

/** Allowed changes: authorized <-> paused, and anything but cancelled -> cancelled (for good). */
function updateSubscription(ctx: RouteContext, id: string): Reply {
	const record = ctx.state.subscriptions.get(id);
	if (!record) return subscriptionError('notFound', id);
	const body = ctx.body as { status?: unknown } | undefined;
	const wanted = body?.status;
	if (typeof wanted !== 'string' || !(['authorized', 'paused', 'cancelled'] as const).includes(wanted as never)) {
		return subscriptionError('invalidStatus', id);
	}
	if (record.status === 'cancelled') {
		if (wanted === 'cancelled' && ctx.behaviour.cancelledAgain === 'ok') return { status: 200, body: record };
		return subscriptionError(wanted === 'authorized' ? 'resumeCancelled' : 'cancelled', id);
	}
	if (record.status === wanted && ctx.behaviour.sameStatus === 'refused') {
		return subscriptionError(wanted === 'paused' ? 'paused' : 'invalidTransition', id);
	}
	if (wanted === 'authorized' && record.status === 'pending') return subscriptionError('invalidTransition', id);
	ctx.state.setSubscriptionStatus(record, wanted as SubscriptionStatus);
	return { status: 200, body: record };
}
