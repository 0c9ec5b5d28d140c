/**
 * `npm run demo`: a spreadsheet-style batch through n8n's real engine against the local
 * sandbox, run twice. Prints, row by row, what the node reported and what Mercado Pago (the
 * sandbox) answered, then shows that the re-run cancelled nothing twice.
 */
import '../test/harness/env';
import { STATUS_CODES } from 'node:http';
import type { INodeExecutionData } from 'n8n-workflow';
import { startSandbox, type RequestLogEntry } from '../test/sandbox/server';
import { runCancel } from '../test/harness/runMercadoPago';

type Row = { row: number; customerId: string; paymentProfileId: string };

interface ItemError {
	code: string;
	httpStatus: number | null;
	message: string;
	attempts: number;
}

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five'];
const count = (n: number, one: string, many: string) => `${NUMBERS[n] ?? n} ${n === 1 ? one : many}`;

/** One answer as a person reads it: "503 Service Unavailable". */
const status = (r: RequestLogEntry) => (r.status === 0 ? 'no answer' : `${r.status} ${STATUS_CODES[r.status] ?? ''}`.trim());

/** What Mercado Pago answered to this row's requests, in order: "503 Service Unavailable, then 204 No Content". */
const answers = (requests: RequestLogEntry[]) => requests.map(status).join(', then ');

/** "attempts 2" in words: the first try and each retry, with what each retry followed. */
function attemptsInWords(attempts: number, requests: RequestLogEntry[]): string {
	if (attempts <= 1) return 'attempts 1: the first try';
	const failed = requests.slice(0, attempts - 1).map(status);
	return `attempts ${attempts}: ${count(attempts - 1, 'retry', 'retries')}, with the same key, after ${failed.join(', ')}`;
}

function describeSuccess(item: INodeExecutionData, requests: RequestLogEntry[], rerun: boolean): string {
	const key = String(item.json.idempotencyKey);
	const attempts = Number(item.json.attempts);
	if (rerun && requests.length > 0 && requests.every((r) => r.replayed)) {
		return `not cancelled again: Mercado Pago replayed its first answer (${answers(requests)}) for the same key ${key}`;
	}
	if (item.json.alreadyCancelled === true) return `already cancelled: nothing to do (Mercado Pago answered ${answers(requests)})`;
	return `cancelled ${item.json.paymentProfileId}: Mercado Pago answered ${answers(requests)}; ${attemptsInWords(attempts, requests)}; key ${key}`;
}

function describeError(error: ItemError, requests: RequestLogEntry[], rerun: boolean): string {
	const http = error.httpStatus === null ? (error.attempts === 0 ? 'nothing sent' : 'no HTTP answer') : `HTTP ${error.httpStatus}`;
	const replayed = rerun && requests.length > 0 && requests.every((r) => r.replayed) ? '; the first answer, replayed for the same key' : '';
	return `${error.code} (${http}${replayed}) ${error.message}`;
}

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
		const sheet: Row[] = [
			{ row: 2, customerId: ana.id, paymentProfileId: anaGym.id },
			{ row: 3, customerId: ana.id, paymentProfileId: anaMusic.id },
			{ row: 4, customerId: bruno.id, paymentProfileId: brunoPlan.id },
			{ row: 5, customerId: bruno.id, paymentProfileId: 'does-not-exist' },
			{ row: 6, customerId: ana.id, paymentProfileId: brunoPlan.id },
			{ row: 7, customerId: bruno.id, paymentProfileId: foreign.id },
			{ row: 8, customerId: '  ', paymentProfileId: anaGym.id },
		];
		console.log(`Sandbox ${sandbox.url}: cancelling ${sheet.length} rows with On Error = "Continue (using error output)"
Every row comes out once: on the success output, or on the error output with a code.
"attempts" counts the requests sent for a row: a 5xx, a 429, a timeout or a dropped
connection is retried with the same idempotency key, so Mercado Pago acts on it once.
`);

		for (const [pass, rerun] of [['first run', false], ['re-run of the same sheet', true]] as const) {
			const sent = sandbox.requests.length;
			const result = await runCancel(sandbox, { items: sheet, onError: 'continueErrorOutput' });
			const requestsOf = (row: Row) =>
				sandbox.requests.slice(sent).filter((r) => r.customerId === row.customerId.trim() && r.paymentProfileId === row.paymentProfileId);
			const rowOf = (item: INodeExecutionData) => sheet[(item.pairedItem as { item: number }).item];

			console.log(`== ${pass}`);
			console.log('Success output:');
			for (const item of result.success) {
				const row = rowOf(item);
				console.log(`  row ${row.row}: ${describeSuccess(item, requestsOf(row), rerun)}`);
			}
			console.log('Error output:');
			for (const item of result.error) {
				const row = rowOf(item);
				console.log(`  row ${row.row}: ${describeError(item.json.error as unknown as ItemError, requestsOf(row), rerun)}`);
			}
			console.log('');
		}
		const cancels = sheet.slice(0, 3).map((row) => ({ id: row.paymentProfileId, times: sandbox.cancelCount(row.customerId, row.paymentProfileId) }));
		const said = cancels.map(({ id, times }) => `${id} ${times === 1 ? 'once' : count(times, 'time', 'times')}`);
		const once = cancels.every(({ times }) => times <= 1);
		const verdict = once ? 'the re-run cancelled nothing twice' : 'something was cancelled twice';
		if (!once) process.exitCode = 1;
		console.log(`Mercado Pago's own count of cancellations over both runs: ${said.join(', ')}: ${verdict}.`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
