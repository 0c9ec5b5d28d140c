import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { PROBLEMS } from '../errors/problems';
import { fieldText } from '../shared/fieldText';

/**
 * What a search or a list asks Mercado Pago for. A filter narrows what a request reaches, so
 * a blank, missing or unknown one is refused: never dropped, which would widen the request to
 * every customer's or every payer's objects. Names are stored in workflows: never rename them.
 */
export type FilterRead<T> = { ok: true; value: T } | { ok: false; problem: string };

// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/** A whole email address, as Mercado Pago matches them (it matches no part of one). */
export function checkEmail(label: string, value: unknown): FilterRead<string> {
	const text = fieldText(label, value);
	if (!text.ok) return text;
	const email = text.text;
	if (SPACE_OR_CONTROL.test(email)) return { ok: false, problem: PROBLEMS.emailSpace(email) };
	if (!email.includes('@')) return { ok: false, problem: PROBLEMS.emailNoAt(email) };
	return { ok: true, value: email };
}

/** A filter as the item gave it (for its error item), and as read. */
export interface Filtered<T> {
	given: IDataObject[string];
	read: FilterRead<T>;
}

/** The email field of this item (`name` is the stored parameter, `label` what the form shows). */
export function readEmail(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): Filtered<string> {
	const given = (ctx.getNodeParameter(name, itemIndex, undefined) ?? null) as IDataObject[string];
	return { given, read: checkEmail(label, given) };
}

export interface StatusFilter {
	/** The Filters collection, with its one Status filter. */
	property: INodeProperties;
	/** The status the item asks for: undefined (given as null) when the filter is not added: every status. */
	read(ctx: IExecuteFunctions, itemIndex: number): Filtered<string | undefined>;
}

/** A list operation's Filters collection: one Status filter over `statuses`, `what` naming the things listed. */
export function statusFilter(what: string, defaultStatus: string, statuses: INodePropertyOptions[]): StatusFilter {
	const allowed = statuses.map((option) => String(option.value));
	return {
		property: {
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					default: defaultStatus,
					description: `Only ${what} in this status`,
					options: statuses,
				},
			],
		},
		read(ctx, itemIndex) {
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			// Not added: every status, a choice made in the form. Added, it must name one of them.
			if (!Object.prototype.hasOwnProperty.call(filters, 'status')) return { given: null, read: { ok: true, value: undefined } };
			const given = filters.status ?? null;
			const status = typeof given === 'string' ? given.trim() : given;
			if (status === null || status === '') return { given, read: { ok: false, problem: PROBLEMS.statusEmpty() } };
			if (typeof status !== 'string' || !allowed.includes(status)) {
				return { given, read: { ok: false, problem: PROBLEMS.statusUnknown(status, allowed) } };
			}
			return { given, read: { ok: true, value: status } };
		},
	};
}
