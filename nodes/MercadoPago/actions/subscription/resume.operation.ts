import type { SetStatus } from '../operation';
import { statusChange } from './statusChange';

/** No idempotency key, as for Pause. */
export const operation: SetStatus = {
	value: 'resume',
	label: 'Resume',
	action: 'Resume a subscription',
	summary: 'Resume a paused subscription so it charges again.',
	effect: { kind: 'reversible', undoneBy: 'pause' },
	words: { subject: 'subscription', act: 'resumption', check: 'Subscription > Get' },
	...statusChange('authorized'),
	tallies: { done: 'resumed', already: 'already active' },
};
