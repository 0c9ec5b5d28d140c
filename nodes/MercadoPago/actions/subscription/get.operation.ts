import { READ, type ReadOne } from '../operation';
import { subscriptionItem } from './subscriptionItem';

/** Also how Cancel, Pause and Resume read the subscription, for their dry runs and after a refusal. */
export const operation: ReadOne = {
	value: 'get',
	label: 'Get',
	action: 'Get a subscription',
	summary: 'Get one subscription (preapproval) with its status.',
	effect: READ,
	words: { subject: 'subscription' },
	ids: ['subscriptionId'],
	request: { method: 'GET', path: '/preapproval/{subscriptionId}' },
	proof: 'theObject',
	item: subscriptionItem,
};
