import type { IExecuteFunctions } from 'n8n-workflow';
import type { Caller } from '../../transport/api';
import { dryRun } from '../dryRun';
import { readIds } from '../locators';
import { invalidInput, ready } from '../prepare';
import type { Prepared, RunContext } from '../types';
import { CANCELLED, cancelledFailure, changeStatus, readSubscription, type TargetStatus } from './statusChange';

/**
 * Pause and Resume send no idempotency key: setting a status with PUT is idempotent by
 * itself, and a key derived from the id would turn a second pause, after a resume, into a
 * replay of the first that changes nothing.
 */
export function preparePauseOrResume(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	target: Extract<TargetStatus, 'paused' | 'authorized'>,
	tallies: { done: string; already: string; would?: string },
): Prepared {
	const read = readIds(ctx, itemIndex, ['subscriptionId']);
	if (!read.ok) return invalidInput(read.problem, read.given);
	const { subscriptionId } = read.ids;
	const context = { subscriptionId };
	if (run.flags.dryRun && tallies.would) {
		const field = `would${target === 'paused' ? 'Pause' : 'Resume'}`;
		const readNow = (api: Caller) => readSubscription(api, subscriptionId);
		const refuse = { status: CANCELLED, failure: () => cancelledFailure() };
		return ready(read.given, dryRun(context, readNow, { target, field, tallies: { would: tallies.would, already: tallies.already }, refuse }));
	}
	return ready(read.given, async (api) => {
		const change = await changeStatus(api, subscriptionId, target);
		if (!change.ok) return change;
		return {
			ok: true,
			json: [{ success: true, ...context, status: change.status, attempts: change.attempts }],
			tally: change.already ? tallies.already : tallies.done,
		};
	});
}
