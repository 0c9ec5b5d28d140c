import type { Failure } from '../../errors/failure';
import type { SetStatus } from '../operation';
import { operation as get } from './get.operation';

/** What a subscription's status is set to by Cancel, Pause and Resume. */
type Target = 'cancelled' | 'paused' | 'authorized';

/**
 * What Cancel, Pause and Resume share: `PUT /preapproval/{id}` with the status. This
 * subscription returned in that status proves it; an empty 200 or 204 says the same. Mercado
 * Pago's refusals are unpublished, so any 4xx but a missing subscription, a rejected token or a
 * rate limit reads the subscription back. Cancelled is for good: returned or read cancelled,
 * a pause or resume did not happen and cannot.
 */
export function statusChange(target: Target) {
	return {
		ids: ['subscriptionId'],
		request: { method: 'PUT', path: '/preapproval/{subscriptionId}', body: { status: target } },
		proof: 'statusReached',
		target,
		emptyAnswers: [200, 204],
		readBack: get,
		mayBeDone: ({ httpStatus }: Failure) => httpStatus !== null && httpStatus >= 400 && httpStatus < 500 && ![401, 404, 429].includes(httpStatus),
		terminal: { status: 'cancelled', code: 'subscription_cancelled' },
	} as const satisfies Partial<SetStatus>;
}
