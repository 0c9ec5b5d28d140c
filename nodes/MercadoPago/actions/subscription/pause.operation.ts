import type { SetStatus } from '../operation';
import { statusChange } from './statusChange';

/**
 * Pause and Resume send no idempotency key: setting a status with PUT is idempotent by itself,
 * and a key derived from the id would turn a second pause, after a resume, into a replay of the
 * first that changes nothing.
 */
export const operation: SetStatus = {
	value: 'pause',
	label: 'Pause',
	action: 'Pause a subscription',
	summary: 'Pause a subscription: it stops charging until it is resumed.',
	effect: { kind: 'reversible', undoneBy: 'resume' },
	words: { subject: 'subscription', act: 'pause', check: 'Subscription > Get' },
	...statusChange('paused'),
	tallies: { done: 'paused', already: 'already paused' },
};
