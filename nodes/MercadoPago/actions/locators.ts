import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { normaliseId, type IdResult } from '../shared/ids';

/**
 * The two id pickers and their reading. Names are stored in workflows: never rename them.
 * `list` is for people picking in the editor; `id` takes expressions for sheets and agents.
 */

export const customerLocator: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Mercado Pago customer. Its ID looks like 123456789-jxOV430go9fx2e; Customer > Search finds it from an email.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Type the customer\'s full email…',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 123456789-jxOV430go9fx2e',
		},
	],
};

export const paymentProfileLocator: INodeProperties = {
	displayName: 'Payment Profile',
	name: 'paymentProfileId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"The customer's payment profile (automatic-payment subscription). Payment Profile > Get Many lists a customer's profiles with their IDs.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a payment profile of the customer…',
			typeOptions: { searchListMethod: 'listPaymentProfiles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7000000001',
		},
	],
};

export const subscriptionLocator: INodeProperties = {
	displayName: 'Subscription',
	name: 'subscriptionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"The payer's subscription (preapproval). Its ID looks like 2c9380848f3e1a5b018f4a6c1d2e0123; Subscription > Search finds it from the payer's email.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: "Type the payer's full email…",
			typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 2c9380848f3e1a5b018f4a6c1d2e0123',
		},
	],
};

/**
 * Each id field: its label in `invalid_input` messages, so a person knows which field to fix,
 * and the names of the endpoints that sit where the id goes in its paths
 * (GET /v1/customers/search, GET /preapproval/search), refused before anything is sent.
 */
const ID_FIELDS = {
	customerId: { label: 'Customer ID', reserved: ['search'] },
	paymentProfileId: { label: 'Payment Profile ID', reserved: [] },
	subscriptionId: { label: 'Subscription ID', reserved: ['search'] },
} as const;

export type IdField = keyof typeof ID_FIELDS;

export type IdsResult<N extends IdField> =
	/** `given`: every id as the input gave it (untrimmed), so an error item names the row as it was. */
	| { ok: true; ids: Record<N, string>; given: IDataObject }
	| { ok: false; problem: string; given: IDataObject };

/** One id, checked to be one safe path segment that reaches the object it names: every path with an id goes through here. */
export function readId(field: IdField, value: unknown): IdResult {
	const { label, reserved } = ID_FIELDS[field];
	return normaliseId(label, value, reserved);
}

/** The locators' values for this item, each trimmed and checked by readId. */
export function readIds<N extends IdField>(ctx: IExecuteFunctions, itemIndex: number, names: readonly N[]): IdsResult<N> {
	const ids = {} as Record<N, string>;
	const given: IDataObject = {};
	let problem: string | undefined;
	for (const name of names) {
		const value = locatorValue.call(ctx, name, itemIndex);
		given[name] = (value ?? null) as IDataObject[string];
		const result = readId(name, value);
		if (result.ok) ids[name] = result.id;
		else problem ??= result.problem;
	}
	return problem === undefined ? { ok: true, ids, given } : { ok: false, problem, given };
}

/**
 * A sheet feeds a locator with `{{ $json.column }}` (or `{{ $json["column"] }}`): its value is
 * the input item's field, so it is read directly. Evaluating it in n8n's expression sandbox
 * gives the same value at several times the CPU of the whole request (see BENCHMARKS.md);
 * every other value goes through n8n's own parameter resolution.
 */
export function locatorValue(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	// The raw parameter, unresolved and uncopied (getNode() would deep-copy the node per item).
	const field = plainJsonField(this.getNodeParameter(name, itemIndex, '', { rawExpressions: true }));
	if (field === undefined) return this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const json = this.getInputData()[itemIndex]?.json ?? {};
	return Object.prototype.hasOwnProperty.call(json, field) ? json[field] : undefined;
}

const PLAIN_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]*)\2\s*\])\s*\}\}$/;

/** The column a locator names when its whole value is `{{ $json.column }}`; undefined otherwise. */
function plainJsonField(parameter: unknown): string | undefined {
	if (typeof parameter !== 'object' || parameter === null) return undefined;
	const { mode, value } = parameter as { mode?: unknown; value?: unknown };
	// Only modes whose value is used as it is; a `url` mode would extract the id from it.
	if ((mode !== 'id' && mode !== 'list') || typeof value !== 'string') return undefined;
	const match = PLAIN_FIELD.exec(value);
	return match ? (match[1] ?? match[3]) : undefined;
}
