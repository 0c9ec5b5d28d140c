import { setMaxListeners } from 'node:events';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { Wording } from '../errors/catalogue';
import { failure, oneLine, type Failure } from '../errors/failure';
import { PROBLEMS } from '../errors/problems';
import { errorItem, stopError, type ItemFailure } from '../errors/itemErrors';
import { RunKeys } from '../idempotency/keyFields';
import type { Caller } from '../transport/api';
import { MAX_CONCURRENCY } from '../transport/accounts';
import { openSession } from '../transport/session';
import { readSettings } from './common.descriptions';
import { flagsByExpression, itemFlagsProblem, readFlags, type FlagName } from './flags';
import { mapInOrder } from './mapInOrder';
import { invalidInput } from './prepare';
import * as customer from './customer/Customer.resource';
import * as paymentProfile from './paymentProfile/PaymentProfile.resource';
import * as subscription from './subscription/Subscription.resource';
import type { ItemOutcome, Operation, RunContext } from './types';

/** An item's outcome once the router has added its context and attempts to a failure. */
type ItemResult = Extract<ItemOutcome, { ok: true }> | { ok: false; failure: ItemFailure };

const resources: Record<string, Record<string, Operation>> = {
	customer: customer.operations,
	paymentProfile: paymentProfile.operations,
	subscription: subscription.operations,
};

/**
 * Runs the chosen operation for every input item, at most `concurrency` at a time, and
 * returns exactly one outcome per input item, in input order: success items, or error items
 * that n8n routes to the error output. Nothing one item does (an exception included) can take
 * the other items down.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const { outcomes, dryRun } = await runItems.call(this, count, operation, continueOnFail);
	// A dry run only reads: its failures are a read's, always safe to repeat.
	const wording: Wording = dryRun ? { ...operation.wording, kind: 'read' } : operation.wording;

	const failed = outcomes.findIndex((outcome) => !outcome.ok && outcome.failure.code !== 'cancelled');
	if (!continueOnFail && failed !== -1) {
		// With Concurrency above 1, rows after the failing one may have been confirmed too: all are named.
		const confirmed = outcomes.flatMap((outcome, i) => (outcome.ok ? [i] : []));
		const { failure: first } = outcomes[failed] as Extract<ItemResult, { ok: false }>;
		throw stopError(this.getNode(), failed, first, wording, { confirmed, total: count });
	}
	summarise.call(this, outcomes, wording, dryRun);
	const output: INodeExecutionData[] = [];
	for (const [i, outcome] of outcomes.entries()) {
		if (outcome.ok) for (const json of outcome.json) output.push({ json, pairedItem: { item: i } });
		else output.push(errorItem(i, outcome.failure, wording));
	}
	return [output];
}

async function runItems(
	this: IExecuteFunctions,
	count: number,
	operation: Operation,
	continueOnFail: boolean,
): Promise<{ outcomes: ItemResult[]; dryRun: boolean }> {
	let dryRun = false;
	const every = (f: Failure) => ({
		outcomes: Array.from({ length: count }, (): ItemResult => ({ ok: false, failure: { ...f, attempts: 0, context: {} } })),
		dryRun,
	});
	let options: IDataObject;
	try {
		options = this.getNodeParameter('options', 0, {}) as IDataObject;
	} catch (error) {
		return every(fromException(error));
	}
	const flags = readFlags(options);
	if (!flags.ok) return every(failure('invalid_input', { detail: flags.problem }));
	dryRun = flags.value.dryRun;
	const byExpression = flagsByExpression(this);
	const settings = readSettings(options);
	const signal = this.getExecutionCancelSignal();
	// Every request in flight, and every item waiting its turn, listens for the stop: far more
	// than Node's default of 10 listeners before it warns of a leak.
	if (signal) setMaxListeners(4 * MAX_CONCURRENCY, signal);
	const session = await openSession(this, { ...settings, signal });
	if (!session.ok) return every(session.failure);

	const run: RunContext = { keys: new RunKeys(this), flags: flags.value, version: this.getNode().typeVersion };
	let stopAt: number | undefined;
	let outcomes: Array<ItemResult | undefined>;
	try {
		outcomes = await mapInOrder(
			count,
			settings.concurrency,
			async (i) => {
				const outcome = await runItem.call(this, operation, i, run, session.api, byExpression);
				// A stopped execution is not the item's failure: it is reported, never thrown.
				if (!outcome.ok && !continueOnFail && outcome.failure.code !== 'cancelled') stopAt = Math.min(stopAt ?? i, i);
				return outcome;
			},
			// In stop mode nothing new starts after a failure; a stopped execution starts nothing new.
			() => stopAt !== undefined || signal?.aborted === true,
		);
	} finally {
		session.close();
	}
	// Only a stopped run leaves items unstarted: they were never confirmed, so they fail.
	const notStarted: ItemResult = { ok: false, failure: { ...failure('cancelled'), attempts: 0, context: {} } };
	return { outcomes: Array.from(outcomes, (outcome) => outcome ?? notStarted), dryRun };
}

/** One item, guarded: whatever it throws fails that item alone, with what it had sent. */
async function runItem(
	this: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
	run: RunContext,
	api: Caller,
	flagsByExpression: readonly FlagName[],
): Promise<ItemResult> {
	let attempts = 0;
	let context: IDataObject = {};
	const counted: Caller = {
		call: async (spec, accept) => {
			const result = await api.call(spec, accept);
			attempts += result.attempts;
			return result;
		},
	};
	let outcome: ItemOutcome;
	try {
		const differs = itemFlagsProblem(this, itemIndex, run.flags, flagsByExpression);
		const prepared = differs === undefined ? operation.prepare.call(this, itemIndex, run) : invalidInput(differs, {});
		context = prepared.context;
		outcome = prepared.ok ? await prepared.send(counted) : prepared;
	} catch (error) {
		outcome = { ok: false, failure: fromException(error) };
	}
	return outcome.ok ? outcome : { ok: false, failure: { ...outcome.failure, attempts, context } };
}

function messageOf(error: unknown): string {
	return oneLine(error instanceof Error ? error.message : String(error));
}

/** A parameter n8n could not resolve (an expression error) is the item's input; anything else is ours. */
function fromException(error: unknown): Failure {
	const message = messageOf(error);
	const name = error instanceof Error ? error.name : undefined;
	if (name === 'ExpressionError' || name === 'NodeOperationError') {
		return failure('invalid_input', { detail: PROBLEMS.parameter(message) });
	}
	return failure('local_error', { detail: message });
}

/** The batch summary above the output: counts by outcome, where n8n supports execution hints. */
function summarise(this: IExecuteFunctions, outcomes: ItemResult[], wording: Wording, dryRun: boolean): void {
	if (typeof this.addExecutionHints !== 'function') return;
	const counts = new Map<string, number>();
	let failed = 0;
	for (const outcome of outcomes) {
		if (!outcome.ok) failed++;
		else if (outcome.tally) counts.set(outcome.tally, (counts.get(outcome.tally) ?? 0) + 1);
	}
	const parts = [...counts].map(([tally, n]) => `${n} ${tally.replace('{rows}', n === 1 ? 'row' : 'rows')}`);
	if (failed > 0) {
		const where = this.getNode().onError === 'continueErrorOutput' ? 'the Error output' : 'the items holding "error"';
		parts.push(`${failed} ${dryRun ? 'would fail' : 'failed'}: see ${where}`);
	}
	if (parts.length === 0) return;
	this.addExecutionHints({ message: parts.join(', '), type: failed > 0 ? 'warning' : 'info', location: 'outputPane' });
}
