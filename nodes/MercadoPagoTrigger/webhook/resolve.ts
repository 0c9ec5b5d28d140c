import type { IDataObject } from 'n8n-workflow';
import type { Voice } from '../../MercadoPago/errors/catalogue';
import { failure, type Failure } from '../../MercadoPago/errors/failure';
import { errorItem } from '../../MercadoPago/errors/itemErrors';
import { PROBLEMS } from '../../MercadoPago/errors/problems';
import { theObject } from '../../MercadoPago/shared/answers';
import { normaliseId } from '../../MercadoPago/shared/ids';
import type { RequestSpec } from '../../MercadoPago/transport/client';
import { openSession, type CredentialSource } from '../../MercadoPago/transport/session';
import { idText, type MercadoPagoEvent } from './notification';

/** What the trigger adds to the event: the object as Mercado Pago has it now, or why not. */
export interface Resolved {
	resource: IDataObject | null;
	error?: IDataObject;
}

type Target =
	| { kind: 'read'; request: RequestSpec; id: string; wording: Voice }
	/** The notification names nothing the node can read: resource null, and no error. */
	| { kind: 'none' }
	| { kind: 'invalid'; failure: Failure; wording: Voice };

/** Each topic's read: the ids it needs from the notification, and the path they make. */
const READS: Record<string, { subject: string; ids: (event: MercadoPagoEvent) => Array<[string, unknown]>; path: (ids: string[]) => string[] }> = {
	payment: { subject: 'payment', ids: (e) => [['data.id', e.dataId]], path: ([id]) => ['v1', 'payments', id] },
	subscription_preapproval: { subject: 'subscription', ids: (e) => [['data.id', e.dataId]], path: ([id]) => ['preapproval', id] },
	subscription_authorized_payment: {
		subject: 'subscription charge',
		ids: (e) => [['data.id', e.dataId]],
		path: ([id]) => ['authorized_payments', id],
	},
	subscription_preapproval_plan: {
		subject: 'subscription plan',
		ids: (e) => [['data.id', e.dataId]],
		path: ([id]) => ['preapproval_plan', id],
	},
	// Its payload is unconfirmed: read only when it names both the customer and the profile.
	payment_profile: {
		subject: 'payment profile',
		ids: (e) => [
			['data.customer_id', e.data?.customer_id],
			['data.id', e.dataId],
		],
		path: ([customerId, profileId]) => ['v1', 'customers', customerId, 'payment-profiles', profileId],
	},
	// Card Updater names a customer and two cards, no profile: the customer is what can be read.
	'automatic-payments': {
		subject: 'customer',
		ids: (e) => [['data.customer_id', e.data?.customer_id]],
		path: ([customerId]) => ['v1', 'customers', customerId],
	},
};

/** Topics whose payloads may lack the ids: without them there is nothing to read, and nothing failed. */
const OPTIONAL_IDS = new Set(['payment_profile', 'automatic-payments']);

function targetOf(event: MercadoPagoEvent): Target {
	const read = event.type === null ? undefined : READS[event.type];
	if (!read) return { kind: 'none' };
	const wording: Voice = { kind: 'read', subject: read.subject };
	const given = read.ids(event);
	if (OPTIONAL_IDS.has(event.type!) && given.some(([, value]) => idText(value) === undefined)) return { kind: 'none' };
	const ids: string[] = [];
	for (const [label, value] of given) {
		const checked = normaliseId(label, value ?? '');
		if (!checked.ok) return { kind: 'invalid', failure: failure('invalid_input', { detail: checked.problem }), wording };
		ids.push(checked.id);
	}
	return { kind: 'read', request: { method: 'GET', path: read.path(ids) }, id: ids[ids.length - 1], wording };
}

export interface ResolveSettings {
	/** The whole read, retries included, ends within this. */
	budgetMs: number;
}

/** Per request: a read that hangs still leaves the budget room for a retry. */
const ATTEMPT_TIMEOUT_MS = 4_000;
const MAX_RETRIES = 2;

/**
 * Reads the object the notification names through the package's transport (the account's
 * shared pool and gate, retries, bounded bodies, token redaction), within the budget: Mercado
 * Pago wants its answer within 22 s and redelivers otherwise. Never throws: a failed read is
 * an `error` beside `resource: null`, and the workflow still starts.
 */
export async function resolveResource(ctx: CredentialSource, event: MercadoPagoEvent, { budgetMs }: ResolveSettings): Promise<Resolved> {
	const target = targetOf(event);
	if (target.kind === 'none') return { resource: null };
	if (target.kind === 'invalid') return { resource: null, error: errorJson(target.failure, target.wording, 0) };

	const budget = new AbortController();
	const timer = setTimeout(() => budget.abort(), budgetMs);
	const session = await openSession(ctx, {
		concurrency: 1,
		maxRetries: MAX_RETRIES,
		timeoutMs: Math.min(ATTEMPT_TIMEOUT_MS, budgetMs),
		signal: budget.signal,
	});
	try {
		if (!session.ok) return { resource: null, error: errorJson(session.failure, target.wording, 0) };
		const result = await session.api.call(target.request, theObject(target.id));
		if (result.ok) return { resource: result.value };
		// The budget stopped the read: it is a timeout to the workflow, not a stopped execution.
		const failed = result.failure.code === 'cancelled' ? failure('timeout', { detail: PROBLEMS.readBudget(budgetMs / 1000) }) : result.failure;
		return { resource: null, error: errorJson(failed, target.wording, result.attempts) };
	} finally {
		clearTimeout(timer);
		if (session.ok) session.close();
	}
}

/** The trigger's `error`: the catalogue's code and words, exactly as an action's error item carries them. */
function errorJson(failed: Failure, wording: Voice, attempts: number): IDataObject {
	return errorItem(0, { ...failed, attempts, context: {} }, wording).json.error as IDataObject;
}
