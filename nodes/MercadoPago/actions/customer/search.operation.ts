import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { optionsCollection } from '../common.descriptions';
import { readEmail } from '../filters';
import { fetchPages, listed, outputUnmatchedOption, readLimit, returnAllOrLimit } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared, RunContext } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description:
			"The customer's email address, typed or taken from the input with an expression. Mercado Pago matches the whole address, not part of it.",
	},
	...returnAllOrLimit,
	optionsCollection([outputUnmatchedOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['search'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'customer' };

/** One output item per customer found; none (or the row, matched: false) when nobody has that email. */
export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared {
	const { given, read } = readEmail(this, itemIndex, 'email', 'Email');
	const limit = readLimit.call(this, itemIndex);
	if (!read.ok) return invalidInput(read.problem, { email: given });
	const email = read.value;

	return ready({ email: given }, async (api) => {
		const pages = await fetchPages(api, { method: 'GET', path: ['v1', 'customers', 'search'], query: { email } }, 'results', limit);
		return pages.ok ? listed(this, itemIndex, run, pages.items) : pages;
	});
}
