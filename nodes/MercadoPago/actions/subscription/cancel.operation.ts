import type { SetStatus } from '../operation';
import { statusChange } from './statusChange';

export const operation: SetStatus = {
	value: 'cancel',
	label: 'Cancel',
	action: 'Cancel a subscription',
	summary: 'Cancel a subscription (preapproval) so it stops charging.',
	effect: { kind: 'irreversible', notice: 'Cancelling a subscription', forGood: 'a cancelled subscription cannot be resumed' },
	words: { subject: 'subscription', act: 'cancellation', check: 'Subscription > Get' },
	...statusChange('cancelled'),
	// Cancelled is for good, so the key may name the act alone: uuidv5("cancel-subscription:<id>").
	// The PUT documents no idempotency key; sent anyway, it is harmless if ignored and makes a
	// re-run a replay where it is honoured.
	key: { name: 'cancel-subscription', from: 'ids' },
	alreadyCancelled: true,
	tallies: { done: 'cancelled', already: 'already cancelled' },
};
