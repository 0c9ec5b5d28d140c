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
		// examples/sheet-batch-cancel.json: the sheet rows
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
];

/** Adds SEED and SUBSCRIPTIONS to a sandbox (test/sandbox/server.ts `Sandbox`). */
export function seedSandbox(sandbox) {
	for (const { customer, profiles } of SEED) {
		sandbox.addCustomer(customer);
		for (const profile of profiles) sandbox.addProfile(customer.id, profile);
	}
	for (const subscription of SUBSCRIPTIONS) sandbox.addSubscription(subscription);
}
