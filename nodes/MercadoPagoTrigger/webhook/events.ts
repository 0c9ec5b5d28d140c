import type { INodePropertyOptions } from 'n8n-workflow';

/** The Events value that selects every topic, Mercado Pago's and any it adds later. */
export const ANY_TOPIC = 'any';

/**
 * The topics a workflow can select, by Mercado Pago's own `type` names (stored in workflows as
 * they are). The panel's names are given so a person can match what they tick there.
 */
export const TOPICS: INodePropertyOptions[] = [
	{ name: 'Any Topic', value: ANY_TOPIC, description: 'Every notification, whatever its topic' },
	{
		name: 'Card Updated (Automatic-Payments)',
		value: 'automatic-payments',
		description: "Card Updater replaced or refreshed a customer's card after a rejected charge",
	},
	{ name: 'Payment', value: 'payment', description: 'A payment was created or changed (panel: Payments)' },
	{
		name: 'Payment Profile (Payment_profile)',
		value: 'payment_profile',
		description: 'A payment profile became ready, or its payment method was deactivated or cancelled',
	},
	{
		name: 'Subscription (Subscription_preapproval)',
		value: 'subscription_preapproval',
		description: 'A subscription was created or changed: authorized, paused, cancelled (panel: Plans and Subscriptions)',
	},
	{
		name: 'Subscription Charge (Subscription_authorized_payment)',
		value: 'subscription_authorized_payment',
		description: "A subscription's recurring charge was created or changed, e.g. rejected (panel: Plans and Subscriptions)",
	},
	{
		name: 'Subscription Plan (Subscription_preapproval_plan)',
		value: 'subscription_preapproval_plan',
		description: 'A subscription plan was created or changed (panel: Plans and Subscriptions)',
	},
];

/** Whether a notification of this topic starts the workflow. */
export function isSelected(events: readonly string[], type: string | null): boolean {
	return events.includes(ANY_TOPIC) || (type !== null && events.includes(type));
}
