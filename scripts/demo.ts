/**
 * `npm run demo`: a spreadsheet-style batch through n8n's real engine against the local
 * sandbox. Prints which rows were cancelled and which went to the error output, and why.
 */
import '../test/harness/env';
import { startSandbox } from '../test/sandbox/server';
import { runCancel } from '../test/harness/runMercadoPago';

async function main() {
	const sandbox = await startSandbox({ latencyMs: 20 });
	try {
		const ana = sandbox.addCustomer({ email: 'ana@example.com' });
		const bruno = sandbox.addCustomer({ email: 'bruno@example.com' });
		const anaGym = sandbox.addProfile(ana.id, { description: 'Gym monthly' });
		const anaMusic = sandbox.addProfile(ana.id, { description: 'Music yearly' });
		const brunoPlan = sandbox.addProfile(bruno.id, { description: 'Premium plan' });
		const foreign = sandbox.addProfile(bruno.id, { description: 'Other country', siteId: 'MLA' });
		// One flaky answer: retried with the same idempotency key, so it is cancelled once.
		sandbox.inject({ kind: 'status', status: 503, body: { error: 'service_unavailable' }, match: { paymentProfileId: brunoPlan.id } });

		// What a sheet of churned customers looks like by the time it reaches the node.
		const sheet = [
			{ row: 2, customerId: ana.id, paymentProfileId: anaGym.id },
			{ row: 3, customerId: ana.id, paymentProfileId: anaMusic.id },
			{ row: 4, customerId: bruno.id, paymentProfileId: brunoPlan.id },
			{ row: 5, customerId: bruno.id, paymentProfileId: 'does-not-exist' },
			{ row: 6, customerId: ana.id, paymentProfileId: brunoPlan.id },
			{ row: 7, customerId: bruno.id, paymentProfileId: foreign.id },
			{ row: 8, customerId: '  ', paymentProfileId: anaGym.id },
		];
		console.log(`Sandbox ${sandbox.url}: cancelling ${sheet.length} rows with On Error = "Continue (using error output)"\n`);

		for (const pass of ['first run', 're-run of the same sheet']) {
			const result = await runCancel(sandbox, { items: sheet, onError: 'continueErrorOutput' });
			console.log(`== ${pass}`);
			console.log('Success output:');
			for (const item of result.success) {
				const row = sheet[(item.pairedItem as { item: number }).item].row;
				console.log(`  row ${row}: cancelled ${item.json.paymentProfileId} (key ${item.json.idempotencyKey}, attempts ${item.json.attempts})`);
			}
			console.log('Error output:');
			for (const item of result.error) {
				const row = sheet[(item.pairedItem as { item: number }).item].row;
				const error = item.json.error as { code: string; httpStatus: number | null; message: string };
				console.log(`  row ${row}: ${error.code} (HTTP ${error.httpStatus ?? '-'}) ${error.message}`);
			}
			console.log('');
		}
		const cancelled = [[ana, anaGym], [ana, anaMusic], [bruno, brunoPlan]] as const;
		const changed = cancelled.map(([customer, profile]) => sandbox.cancelCount(customer.id, profile.id));
		console.log(`Profiles changed per cancelled row after both runs: ${changed.join(', ')} (never twice)`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
