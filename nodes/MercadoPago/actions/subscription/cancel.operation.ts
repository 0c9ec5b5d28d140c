import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import type { Caller } from '../../transport/api';
import { idempotencyKeyFields } from '../../idempotency/keyFields';
import { alreadyCancelledOption, dryRunOption, irreversibleNotice, optionsCollection } from '../common.descriptions';
import { readIds, subscriptionLocator } from '../locators';
import { CANCEL_TALLIES, dryRun, keyShown } from '../dryRun';
import { invalidInput, ready } from '../prepare';
import type { Prepared, RunContext } from '../types';
import { CANCELLED, changeStatus, readSubscription } from './statusChange';

const properties: INodeProperties[] = [
	irreversibleNotice('Cancelling a subscription'),
	subscriptionLocator,
	...idempotencyKeyFields,
	optionsCollection([alreadyCancelledOption, dryRunOption('Reads each subscription and tells whether a real run would cancel it')]),
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['cancel'] } }, properties);

export const wording: Wording = { kind: 'write', subject: 'subscription', act: 'cancellation', check: 'Subscription > Get' };

/**
 * Cancelled is for good, so the key may name the act alone: uuidv5("cancel-subscription:<id>").
 * The PUT documents no idempotency key; sent anyway, it is harmless if ignored and makes a
 * re-run a replay where it is honoured.
 */
const DERIVATION = 'cancel-subscription';

export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	const read = readIds(this, itemIndex, ['subscriptionId']);
	if (!read.ok) return invalidInput(read.problem, { ...read.given, idempotencyKey: null });
	const { subscriptionId } = read.ids;
	const key = run.keys.resolve(itemIndex, DERIVATION, [subscriptionId], `PUT preapproval/${subscriptionId} cancelled`);
	if (!key.ok) return invalidInput(key.problem, { ...read.given, idempotencyKey: null });
	// Error items name the row as the input gave it; success items the id that was sent.
	const context = { subscriptionId, idempotencyKey: key.key };
	const given = { ...read.given, idempotencyKey: key.key };
	const alreadyCancelledIsSuccess = run.flags.alreadyCancelledIsSuccess;

	if (run.flags.dryRun) {
		const ids = { subscriptionId, ...keyShown(key) };
		const read = (api: Caller) => readSubscription(api, subscriptionId);
		return ready(given, dryRun(ids, read, { target: CANCELLED, field: 'wouldCancel', tallies: CANCEL_TALLIES }));
	}
	return ready(given, async (api) => {
		const change = await changeStatus(api, subscriptionId, CANCELLED, { idempotencyKey: key.key, readOnRefusal: alreadyCancelledIsSuccess });
		if (!change.ok) return change;
		const { status, already, attempts } = change;
		return {
			ok: true,
			json: [{ success: true, ...context, status, alreadyCancelled: already, attempts }],
			tally: already ? 'already cancelled' : 'cancelled',
		};
	});
}
