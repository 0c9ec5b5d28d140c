import type { IDataObject } from 'n8n-workflow';
import { failure, type Failure } from '../../errors/failure';
import type { ApiResult, Caller } from '../../transport/api';
import { showing, theObject } from '../../shared/answers';

/** What a subscription's status is set to by Cancel, Pause and Resume. */
export type TargetStatus = 'cancelled' | 'paused' | 'authorized';

export const CANCELLED = 'cancelled';

/** The subscription asked for, and nothing else: Get, the dry runs and every read-back. */
export function readSubscription(api: Caller, id: string): Promise<ApiResult<IDataObject>> {
	return api.call({ method: 'GET', path: ['preapproval', id] }, theObject(id));
}

/**
 * A PUT of the status is confirmed by this subscription, returned reading that status; an
 * empty 200 or a 204 says the same. Returned cancelled, a pause or resume did not happen and
 * cannot; anything else (another status, another subscription, a page) proves nothing.
 */
function answers(id: string, target: TargetStatus) {
	return showing(id, target, { empty: [200, 204], shown: target === CANCELLED ? {} : { [CANCELLED]: 'subscription_cancelled' } });
}

export type Change =
	| { ok: true; status: string; already: boolean; attempts: number }
	| { ok: false; failure: Failure };

/**
 * Sets the status. When Mercado Pago refuses (its wording is unpublished, so any 4xx but a
 * missing subscription, a rejected token or a rate limit), the subscription is read: already
 * in the status asked for is done; cancelled can no longer be paused or resumed.
 */
export async function changeStatus(
	api: Caller,
	id: string,
	target: TargetStatus,
	{ idempotencyKey, readOnRefusal = true }: { idempotencyKey?: string; readOnRefusal?: boolean } = {},
): Promise<Change> {
	const result = await api.call({ method: 'PUT', path: ['preapproval', id], body: { status: target }, idempotencyKey }, answers(id, target));
	if (result.ok) return { ok: true, status: result.value, already: false, attempts: result.attempts };
	const refused = result.failure.httpStatus;
	if (!readOnRefusal || refused === null || refused < 400 || refused >= 500 || [401, 404, 429].includes(refused)) return result;
	const current = await readSubscription(api, id);
	if (!current.ok) return result;
	const attempts = result.attempts + current.attempts;
	if (current.value.status === target) return { ok: true, status: target, already: true, attempts };
	if (current.value.status === CANCELLED) return { ok: false, failure: cancelledFailure(result.failure) };
	return result;
}

/** A pause or resume of a cancelled subscription, with Mercado Pago's refusal when there was one. */
export function cancelledFailure(refusal?: Failure): Failure {
	return failure('subscription_cancelled', refusal ? { httpStatus: refusal.httpStatus, response: refusal.response } : {});
}
