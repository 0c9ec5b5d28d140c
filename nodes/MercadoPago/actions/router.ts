import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { mapInOrder } from '../batch/mapInOrder';
import { fromCatalogue } from '../errors/failure';
import { DEFAULT_BACKOFF } from '../retry/backoff';
import { MercadoPagoApi } from '../transport/api';
import { MercadoPagoClient } from '../transport/client';
import { DEFAULT_RATE_GATE, RateGate } from '../transport/rateGate';
import { readCredentials } from '../transport/credentials';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './common.descriptions';
import { errorItem, itemError } from './itemErrors';
import { invalidInput } from './outcomes';
import * as customer from './customer/Customer.resource';
import * as paymentProfile from './paymentProfile/PaymentProfile.resource';
import type { ItemFailure, ItemOutcome, Operation } from './types';

const resources: Record<string, Record<string, Operation>> = {
	customer: customer.operations,
	paymentProfile: paymentProfile.operations,
};

/**
 * Runs the chosen operation for every input item over one connection pool, at most
 * `concurrency` at a time, and returns exactly one outcome per input item, in input order:
 * success items, or error items that n8n routes to the error output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const outcomes = await runItems.call(this, items.length, operation);

	const output: INodeExecutionData[] = [];
	for (const [i, outcome] of outcomes.entries()) {
		if (outcome.ok) for (const json of outcome.json) output.push({ json, pairedItem: { item: i } });
		else output.push(errorItem(i, outcome.failure));
	}
	return [output];
}

async function runItems(this: IExecuteFunctions, count: number, operation: Operation): Promise<ItemOutcome[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = wholeNumber(options.concurrency, DEFAULT_CONCURRENCY, 1);
	const signal = this.getExecutionCancelSignal();
	const continueOnFail = this.continueOnFail();

	const credentials = readCredentials(await this.getCredentials('mercadoPagoApi'));
	if (!credentials.ok) {
		const outcome = invalidInput(credentials.problem, {});
		const { message, description } = outcome.failure;
		if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { description });
		return new Array<ItemOutcome>(count).fill(outcome);
	}

	const client = new MercadoPagoClient({
		...credentials.value,
		connections: concurrency,
		timeoutMs: wholeNumber(options.timeout, DEFAULT_TIMEOUT_MS, 1),
		signal,
	});
	const gate = new RateGate({ ...DEFAULT_RATE_GATE, maxPerSecond: positiveOrUndefined(options.requestsPerSecond) });
	const api = new MercadoPagoApi(client, gate, {
		...DEFAULT_BACKOFF,
		maxRetries: wholeNumber(options.maxRetries, DEFAULT_MAX_RETRIES, 0),
		maxRetryAfterMs: DEFAULT_RATE_GATE.maxPauseMs,
		signal,
	});

	let firstFailure: number | undefined;
	let outcomes: Array<ItemOutcome | undefined>;
	try {
		outcomes = await mapInOrder(
			count,
			concurrency,
			async (i) => {
				const outcome = await operation.execute.call(this, i, api);
				// A stopped execution is not the item's failure: it is reported, never thrown.
				if (!outcome.ok && !continueOnFail && outcome.failure.code !== 'cancelled') {
					firstFailure = Math.min(firstFailure ?? i, i);
				}
				return outcome;
			},
			// In stop mode nothing new starts after a failure; a stopped execution starts nothing new.
			() => firstFailure !== undefined || signal?.aborted === true,
		);
	} finally {
		await (signal?.aborted ? client.destroy() : client.close());
	}
	if (firstFailure !== undefined) {
		throw itemError(this.getNode(), firstFailure, (outcomes[firstFailure] as { failure: ItemFailure }).failure);
	}
	// Only a stopped execution leaves items unstarted: they were never confirmed, so they fail.
	const notStarted: ItemFailure = { ...fromCatalogue('cancelled', null), attempts: 0, context: {} };
	return Array.from(outcomes, (outcome) => outcome ?? { ok: false, failure: notStarted });
}

function positiveOrUndefined(value: unknown): number | undefined {
	return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Options may come from expressions: anything not a finite number falls back to the default. */
function wholeNumber(value: unknown, fallback: number, min: number): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : fallback;
}
