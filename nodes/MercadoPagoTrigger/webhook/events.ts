import type { INodePropertyOptions } from 'n8n-workflow';

/** The Events value that selects every topic, Mercado Pago's and any it adds later. */
export const ANY_TOPIC = 'any';

/**
 * The topics a workflow can select, by Mercado Pago's own `type` names (stored in workflows as
 * they are). n8n's node panel lists them as "On <name>", so the names are a person's words and
 * the descriptions give Mercado Pago's name and the panel's.
 */
export const TOPICS: INodePropertyOptions[] = [
	{ name: 'Any Topic', value: ANY_TOPIC, description: 'Every notification, whatever its topic (any)' },
	{
		name: 'Card Updated',
		value: 'automatic-payments',
		description: "Card Updater replaced or refreshed a customer's card after a rejected charge (automatic-payments)",
	},
	{ name: 'Payment', value: 'payment', description: 'A payment was created or changed (payment; panel: Payments)' },
	{
		name: 'Payment Profile',
		value: 'payment_profile',
		description: 'A payment profile became ready, or its payment method was deactivated or cancelled (payment_profile)',
	},
	{
		name: 'Subscription',
		value: 'subscription_preapproval',
		description: 'A subscription was created or changed: authorized, paused, cancelled (subscription_preapproval; panel: Plans and Subscriptions)',
	},
	{
		name: 'Subscription Charge',
		value: 'subscription_authorized_payment',
		description: "A subscription's recurring charge was created or changed, e.g. rejected (subscription_authorized_payment; panel: Plans and Subscriptions)",
	},
	{
		name: 'Subscription Plan',
		value: 'subscription_preapproval_plan',
		description: 'A subscription plan was created or changed (subscription_preapproval_plan; panel: Plans and Subscriptions)',
	},
];

/** Whether a notification of this topic starts the workflow. */
export function isSelected(events: readonly string[], type: string | null): boolean {
	return events.includes(ANY_TOPIC) || (type !== null && events.includes(type));
}
