import type { IExecuteFunctions } from 'n8n-workflow';
import { readIds } from '../locators';
import { invalidInput, ready, statusShownByInput } from '../prepare';
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
	// Cancelled by the node before this one: nothing can change it, so nothing is sent.
	if (statusShownByInput(ctx, itemIndex, ['id', 'subscriptionId'], subscriptionId) === CANCELLED) {
		return { ok: false, failure: cancelledFailure(), context: read.given };
	}
	if (run.flags.dryRun && tallies.would) {
		const would = tallies.would;
		return ready(read.given, async (api) => {
			const current = await readSubscription(api, subscriptionId);
			if (!current.ok) return current;
			const currentStatus = current.value.status ?? null;
			if (currentStatus === CANCELLED) return { ok: false, failure: cancelledFailure() };
			const wouldChange = currentStatus !== target;
			return {
				ok: true,
				json: [{ dryRun: true, [`would${target === 'paused' ? 'Pause' : 'Resume'}`]: wouldChange, currentStatus, ...context }],
				tally: wouldChange ? would : tallies.already,
			};
		});
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
