import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { theObject } from '../../shared/answers';
import { optionsCollection } from '../common.descriptions';
import { customerLocator, readIds } from '../locators';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';

const properties: INodeProperties[] = [customerLocator, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'customer' };

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const read = readIds(this, itemIndex, ['customerId']);
	if (!read.ok) return invalidInput(read.problem, read.given);
	const { customerId } = read.ids;

	return ready(read.given, async (api) => {
		const result = await api.call({ method: 'GET', path: ['v1', 'customers', customerId] }, theObject(customerId));
		return result.ok ? { ok: true, json: [result.value] } : result;
	});
}
