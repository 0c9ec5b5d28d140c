import type { Failure } from '../../errors/failure';
import type { SetStatus } from '../operation';
import { operation as get } from './get.operation';

/** Refusals that are about who owns the profile, not about its state: reading it would say the same. */
const OWNERSHIP = new Set(['customer_id_mismatch', 'caller_id_mismatch', 'site_id_mismatch']);

export const operation: SetStatus = {
	value: 'cancel',
	label: 'Cancel',
	action: 'Cancel a payment profile',
	summary: "Cancel a customer's payment profile so it stops charging.",
	effect: { kind: 'irreversible', notice: 'Cancelling a payment profile', forGood: 'a cancelled profile cannot be reactivated' },
	words: { subject: 'payment profile', act: 'cancellation', check: 'Payment Profile > Get' },
	ids: ['customerId', 'paymentProfileId'],
	request: { method: 'POST', path: '/v1/customers/{customerId}/payment-profiles/{paymentProfileId}/cancel' },
	proof: 'statusReached',
	target: 'CANCELLED',
	// The documented answer is 204; a 200 or 201 with no body says the same. Anything else but
	// this very profile reading CANCELLED (a proxy's page, a 202, another status) proves nothing.
	emptyAnswers: [200, 201, 204],
	readBack: get,
	mayBeDone: (refusal: Failure) => refusal.httpStatus === 400 && !OWNERSHIP.has(refusal.code),
	// Part of the public interface: the key is uuidv5("cancel:<customerId>:<paymentProfileId>").
	key: { name: 'cancel', from: 'ids' },
	alreadyCancelled: true,
	tallies: { done: 'cancelled', already: 'already cancelled' },
};
