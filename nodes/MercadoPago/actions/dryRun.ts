import type { IDataObject } from 'n8n-workflow';
import type { Failure } from '../errors/failure';
import type { KeyResult } from '../idempotency/keyFields';
import type { ApiResult, Caller } from '../transport/api';
import type { ItemOutcome } from './types';

/** How both Cancels' dry runs count their rows. */
export const CANCEL_TALLIES = { would: 'would cancel', already: 'already cancelled' };

export interface DryRunSpec {
	/** What the real run sets: its status once changed. */
	target: string;
	/** The item's field saying whether a real run would change it, e.g. `wouldCancel`. */
	field: string;
	/** How the summary counts each answer. */
	tallies: { would: string; already: string };
	/** A status in which the real run would fail instead, and how. */
	refuse?: { status: string; failure: () => Failure };
}

/**
 * The key a dry run shows: the one the real run will send. A random key is made by each
 * execution, so no dry run can show it; it says so instead of printing a key nobody sends.
 */
export function keyShown(key: Extract<KeyResult, { ok: true }>): IDataObject {
	return key.mode === 'random'
		? { idempotencyKey: null, idempotencyKeyNote: 'Random per Execution: the real run makes its own key' }
		: { idempotencyKey: key.key };
}

/**
 * A write's dry run: one read of the object, and what a real run would do with it. Nothing
 * is changed and no idempotency key is sent. `ids` are the item's ids (and key) as a real run
 * would send them.
 */
export function dryRun(ids: IDataObject, read: (api: Caller) => Promise<ApiResult<IDataObject>>, spec: DryRunSpec) {
	return async (api: Caller): Promise<ItemOutcome> => {
		const current = await read(api);
		if (!current.ok) return current;
		const currentStatus = current.value.status ?? null;
		if (spec.refuse && currentStatus === spec.refuse.status) return { ok: false, failure: spec.refuse.failure() };
		const would = currentStatus !== spec.target;
		return {
			ok: true,
			json: [{ dryRun: true, [spec.field]: would, currentStatus, ...ids }],
			tally: would ? spec.tallies.would : spec.tallies.already,
		};
	};
}
