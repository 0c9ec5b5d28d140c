import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import type { Failure } from '../../errors/failure';
import { idempotencyKeyFields } from '../../idempotency/keyFields';
import type { Caller } from '../../transport/api';
import { showing } from '../../shared/answers';
import { alreadyCancelledOption, dryRunOption, irreversibleNotice, optionsCollection } from '../common.descriptions';
import { customerLocator, paymentProfileLocator, readIds } from '../locators';
import { CANCEL_TALLIES, dryRun, keyShown } from '../dryRun';
import { invalidInput, ready } from '../prepare';
import type { ItemOutcome, Prepared, RunContext } from '../types';
import { readProfile } from './get.operation';

const properties: INodeProperties[] = [
	irreversibleNotice('Cancelling a payment profile'),
	customerLocator,
	paymentProfileLocator,
	...idempotencyKeyFields,
	optionsCollection([alreadyCancelledOption, dryRunOption('Reads each profile and tells whether a real run would cancel it')]),
];

export const description = updateDisplayOptions({ show: { resource: ['paymentProfile'], operation: ['cancel'] } }, properties);

export const wording: Wording = {
	kind: 'write',
	subject: 'payment profile',
	act: 'cancellation',
	check: 'Payment Profile > Get',
};

/** Part of the public interface: the key is uuidv5("cancel:<customerId>:<paymentProfileId>"). */
const DERIVATION = 'cancel';
const CANCELLED = 'CANCELLED';

/**
 * The documented answer is 204. A 200 or 201 with no body, or this very profile reading
 * CANCELLED, say the same; anything else (a proxy's page, a 202, another status) proves nothing.
 */
const CANCEL_ANSWERS = { empty: [200, 201, 204] } as const;

/** Refusals that are about who owns the profile, not about its state: reading it would say the same. */
const OWNERSHIP = new Set(['customer_id_mismatch', 'caller_id_mismatch', 'site_id_mismatch']);

export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	const read = readIds(this, itemIndex, ['customerId', 'paymentProfileId']);
	if (!read.ok) return invalidInput(read.problem, { ...read.given, idempotencyKey: null });
	const { customerId, paymentProfileId } = read.ids;
	const path = ['v1', 'customers', customerId, 'payment-profiles', paymentProfileId, 'cancel'];
	const key = run.keys.resolve(itemIndex, DERIVATION, [customerId, paymentProfileId], `POST ${path.join('/')}`);
	if (!key.ok) return invalidInput(key.problem, { ...read.given, idempotencyKey: null });
	// Error items name the row as the input gave it; success items the ids that were sent.
	const context: IDataObject = { customerId, paymentProfileId, idempotencyKey: key.key };
	const given: IDataObject = { ...read.given, idempotencyKey: key.key };
	const readBack = (api: Caller) => readProfile(api, customerId, paymentProfileId);

	if (run.flags.dryRun) {
		const ids = { customerId, paymentProfileId, ...keyShown(key) };
		return ready(given, dryRun(ids, readBack, { target: CANCELLED, field: 'wouldCancel', tallies: CANCEL_TALLIES }));
	}

	const alreadyCancelledIsSuccess = run.flags.alreadyCancelledIsSuccess;
	return ready(given, async (api): Promise<ItemOutcome> => {
		const result = await api.call({ method: 'POST', path, idempotencyKey: key.key }, showing(paymentProfileId, CANCELLED, CANCEL_ANSWERS));
		if (result.ok) {
			return {
				ok: true,
				json: [{ success: true, ...context, status: result.value, alreadyCancelled: false, attempts: result.attempts }],
				tally: 'cancelled',
			};
		}
		if (!alreadyCancelledIsSuccess || !mayBeAlreadyCancelled(result.failure)) return result;
		// Mercado Pago refused: if the profile already reads CANCELLED, what was asked is done.
		const profile = await readBack(api);
		if (!profile.ok || profile.value.status !== CANCELLED) return result;
		return {
			ok: true,
			json: [
				{
					success: true,
					...context,
					status: profile.value.status,
					alreadyCancelled: true,
					attempts: result.attempts + profile.attempts,
				},
			],
			tally: 'already cancelled',
		};
	});
}

function mayBeAlreadyCancelled(failure: Failure): boolean {
	return failure.httpStatus === 400 && !OWNERSHIP.has(failure.code);
}
