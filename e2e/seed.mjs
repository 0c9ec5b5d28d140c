/**
 * What the loopback sandbox holds for the examples (examples/*.json use these ids), for the
 * end-to-end test and for `npm run dev`.
 */
export const SEED = [
	{
		// examples/crm-cancel-payment-profile.json: the sample CRM event and the e2e's variants
		customer: { id: '1012345680-carlaDias001', email: 'carla@example.com', first_name: 'Carla', last_name: 'Dias' },
		profiles: [
			{ id: '7000001001', description: 'Yoga monthly' },
			{ id: '7000001002', description: 'Always answers unknown_error_occurred', failWith: 'unknown_error_occurred' },
			{ id: '7000001003', description: 'Swimming monthly' },
		],
	},
	{
		// examples/sheet-batch-cancel-payment-profiles.json: the sheet rows
		customer: { id: '1012345678-anaSilva0001', email: 'ana@example.com', first_name: 'Ana', last_name: 'Silva' },
		profiles: [
			{ id: '7000002001', description: 'Gym monthly' },
			{ id: '7000002002', description: 'Music yearly' },
		],
	},
	{
		customer: { id: '1012345679-brunoCosta01', email: 'bruno@example.com', first_name: 'Bruno', last_name: 'Costa' },
		profiles: [
			{ id: '7000002003', description: 'Premium plan' },
			{ id: '7000002004', description: 'Subscribed in Argentina', siteId: 'MLA' },
		],
	},
];

/** examples/sheet-batch-cancel-subscriptions.json: the sheet's subscriptions (any other id answers 404). */
export const SUBSCRIPTIONS = [
	{ id: '2c93808490a1e5c70190a2b3c4d50001', payer_email: 'ana@example.com', status: 'authorized', reason: 'Gym monthly' },
	{ id: '2c93808490a1e5c70190a2b3c4d50002', payer_email: 'ana@example.com', status: 'paused', reason: 'Music yearly' },
	{ id: '2c93808490a1e5c70190a2b3c4d50003', payer_email: 'bruno@example.com', status: 'cancelled', reason: 'Premium plan' },
	// The trigger's examples: a renewal being rejected (dunning), and one the payer cancelled.
	{ id: '2c93808490a1e5c70190a2b3c4d50004', payer_email: 'carla@example.com', status: 'authorized', reason: 'Pilates monthly', external_reference: 'CRM-DEAL-0004' },
	{ id: '2c93808490a1e5c70190a2b3c4d50005', payer_email: 'ana@example.com', status: 'cancelled', reason: 'Yoga yearly', external_reference: 'CRM-DEAL-0005' },
];

/**
 * examples/dunning-pause-after-third-rejection.json: the renewal charges of subscription …0004,
 * rejected the first time (retry_attempt 0) and the third time (retry_attempt 2).
 */
export const CHARGES = {
	firstRejection: { id: 6100000001, preapproval_id: '2c93808490a1e5c70190a2b3c4d50004', payment_status: 'rejected', retry_attempt: 0 },
	thirdRejection: { id: 6100000003, preapproval_id: '2c93808490a1e5c70190a2b3c4d50004', payment_status: 'rejected', retry_attempt: 2 },
};

/** What the examples' notifications name: the charges above and the cancelled subscription …0005. */
export const NOTIFICATIONS = {
	'first-rejection': { type: 'subscription_authorized_payment', dataId: String(CHARGES.firstRejection.id), example: 'dunning' },
	'third-rejection': { type: 'subscription_authorized_payment', dataId: String(CHARGES.thirdRejection.id), example: 'dunning' },
	'payer-cancelled': { type: 'subscription_preapproval', dataId: '2c93808490a1e5c70190a2b3c4d50005', example: 'payerCancelled' },
};

/** Adds SEED, SUBSCRIPTIONS and CHARGES to a sandbox (test/sandbox/server.ts `Sandbox`). */
export function seedSandbox(sandbox) {
	for (const { customer, profiles } of SEED) {
		sandbox.addCustomer(customer);
		for (const profile of profiles) sandbox.addProfile(customer.id, profile);
	}
	for (const subscription of SUBSCRIPTIONS) sandbox.addSubscription(subscription);
	for (const charge of Object.values(CHARGES)) sandbox.addAuthorizedPayment(charge);
}
