import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { PROBLEMS } from '../../errors/problems';
import { optionsCollection } from '../common.descriptions';
import { fetchPages, readLimit, returnAllOrLimit } from '../paging';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';

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
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['search'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'customer' };

/** One output item per customer found; none when nobody has that email. */
export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const raw = this.getNodeParameter('email', itemIndex, '') as unknown;
	const email = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	const limit = readLimit.call(this, itemIndex);
	const context = { email };
	if (email === '') return invalidInput(PROBLEMS.emailEmpty(), context);
	if (!email.includes('@')) return invalidInput(PROBLEMS.emailNoAt(email), context);

	return ready(context, async (api) => {
		const pages = await fetchPages(api, { method: 'GET', path: ['v1', 'customers', 'search'], query: { email } }, 'results', limit);
		return pages.ok ? { ok: true, json: pages.items } : pages;
	});
}
