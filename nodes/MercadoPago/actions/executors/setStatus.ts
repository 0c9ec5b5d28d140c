import type { IDataObject } from 'n8n-workflow';
import type { CatalogueCode } from '../../errors/catalogue';
import { failure, type Failure } from '../../errors/failure';
import { idempotencyKeyFields } from '../../idempotency/keyFields';
import { derivedKey } from '../../idempotency/keys';
import type { KeyResult } from '../../idempotency/runKeys';
import { showing } from '../../shared/answers';
import type { Caller } from '../../transport/api';
import type { RequestSpec } from '../../transport/client';
import { alreadyCancelledOption, dryRunOption, irreversibleNotice, optionsCollection } from '../common.descriptions';
import { requestOf, type Values } from '../endpoint';
import { idsInput } from '../locators';
import type { SetStatus } from '../operation';
import { idsOf, invalidInput, readInputs, ready } from '../prepare';
import type { ItemOutcome } from '../types';
import type { Executor } from './executor';
import { readObject } from './readOne';

/** The terminal status that refuses this change, unless the change is the one that reaches it. */
function blockedAt(operation: SetStatus): { status: string; code: CatalogueCode } | undefined {
	return operation.terminal && operation.terminal.status !== operation.target ? operation.terminal : undefined;
}

/** A change refused because the object can no longer change, with Mercado Pago's refusal when there was one. */
function blockedFailure(code: CatalogueCode, refusal?: Failure): Failure {
	return failure(code, refusal ? { httpStatus: refusal.httpStatus, response: refusal.response } : {});
}

/**
 * The key a dry run shows: the one the real run will send. A random key is made by each
 * execution, so no dry run can show it; it says so instead of printing a key nobody sends.
 */
function keyShown(key: KeyResult | undefined): IDataObject {
	if (key === undefined || !key.ok) return {};
	return key.mode === 'random'
		? { idempotencyKey: null, idempotencyKeyNote: 'Random per Execution: the real run makes its own key' }
		: { idempotencyKey: key.key };
}

/** The request a key names: a key that names another request in the same run is refused. */
function targetOf(request: RequestSpec): string {
	return `${request.method} ${request.path.join('/')}${request.body === undefined ? '' : ` ${JSON.stringify(request.body)}`}`;
}

/** The `would…` field of a dry run's item: `wouldCancel` for Cancel. */
function wouldField(operation: SetStatus): string {
	return `would${operation.label.replace(/\s+/g, '')}`;
}

/**
 * A write's dry run: one read of the object, and what a real run would do with it. Nothing is
 * changed and no idempotency key is sent; `shown` are the ids (and key) a real run would send.
 */
function dryRun(operation: SetStatus, values: Values, shown: IDataObject) {
	return async (api: Caller): Promise<ItemOutcome> => {
		const current = await readObject(api, operation.readBack, values);
		if (!current.ok) return current;
		const currentStatus = current.value.status ?? null;
		const blocked = blockedAt(operation);
		if (blocked && currentStatus === blocked.status) return { ok: false, failure: blockedFailure(blocked.code) };
		const would = currentStatus !== operation.target;
		return {
			ok: true,
			json: [{ dryRun: true, [wouldField(operation)]: would, currentStatus, ...shown }],
			tally: would ? `would ${operation.label.toLowerCase()}` : operation.tallies.already,
		};
	};
}

/**
 * Sends the change. Only Mercado Pago's answer proves it: this object answered in the target
 * status (or an empty answer with one of the statuses that say the same). A refusal that may
 * mean it is done already reads the object: already in the target status is done; in the
 * terminal status, the change can no longer happen; anything else stays the refusal.
 */
function send(operation: SetStatus, values: Values, request: RequestSpec, shown: IDataObject, readOnRefusal: boolean) {
	const id = values[operation.ids[operation.ids.length - 1]]!;
	const blocked = blockedAt(operation);
	const proof = showing(id, operation.target, { empty: operation.emptyAnswers, shown: blocked ? { [blocked.status]: blocked.code } : {} });
	const done = (status: string, already: boolean, attempts: number): ItemOutcome => ({
		ok: true,
		json: [{ success: true, ...shown, status, ...(operation.alreadyCancelled ? { alreadyCancelled: already } : {}), attempts }],
		tally: already ? operation.tallies.already : operation.tallies.done,
	});
	return async (api: Caller): Promise<ItemOutcome> => {
		const result = await api.call(request, proof);
		if (result.ok) return done(result.value, false, result.attempts);
		if (!readOnRefusal || !operation.mayBeDone(result.failure)) return result;
		const current = await readObject(api, operation.readBack, values);
		if (!current.ok) return result;
		const attempts = result.attempts + current.attempts;
		if (current.value.status === operation.target) return done(operation.target, true, attempts);
		if (blocked && current.value.status === blocked.status) return { ok: false, failure: blockedFailure(blocked.code, result.failure) };
		return result;
	};
}

export const setStatus: Executor<SetStatus> = {
	properties(operation) {
		const { effect } = operation;
		const verb = operation.label.toLowerCase();
		const own = [
			...(operation.alreadyCancelled ? [alreadyCancelledOption] : []),
			dryRunOption(`Reads each ${operation.words.subject} and tells whether a real run would ${verb} it`),
		];
		return [
			...(effect.kind === 'irreversible' ? [irreversibleNotice(effect.notice)] : []),
			...idsInput(operation.ids).fields,
			...(operation.key ? idempotencyKeyFields : []),
			optionsCollection(own),
		];
	},

	prepare(operation, ctx, itemIndex, run) {
		const read = readInputs([idsInput(operation.ids)], ctx, itemIndex);
		// A write's error item always says which key it sent: none, when it never got that far.
		const noKey = operation.key ? { idempotencyKey: null } : {};
		if (!read.ok) return invalidInput(read.problem, { ...read.given, ...noKey });
		const { values } = read;
		const request = requestOf(operation.request, values);
		const ids = idsOf(operation.ids, values);
		const derivation = operation.key;
		const key = derivation
			? run.keys.resolve(itemIndex, targetOf(request), () =>
					derivedKey(derivation.name, Object.values(ids) as string[], derivation.from === 'idsAndBody' ? request.body : undefined),
				)
			: undefined;
		if (key && !key.ok) return invalidInput(key.problem, { ...read.given, ...noKey });
		// Error items name the row as the input gave it; success items the ids that were sent.
		const sent = key ? { idempotencyKey: key.key } : {};
		const given = { ...read.given, ...sent };
		if (run.flags.dryRun) return ready(given, dryRun(operation, values, { ...ids, ...keyShown(key) }));
		const readOnRefusal = !operation.alreadyCancelled || run.flags.alreadyCancelledIsSuccess;
		return ready(given, send(operation, values, { ...request, ...sent }, { ...ids, ...sent }, readOnRefusal));
	},
};
