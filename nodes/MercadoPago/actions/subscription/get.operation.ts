import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { optionsCollection } from '../common.descriptions';
import { readIds, subscriptionLocator } from '../locators';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';
import { readSubscription } from './statusChange';
import { subscriptionItem } from './subscriptionItem';

const properties: INodeProperties[] = [subscriptionLocator, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['get'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'subscription' };

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const read = readIds(this, itemIndex, ['subscriptionId']);
	if (!read.ok) return invalidInput(read.problem, read.given);
	const { subscriptionId } = read.ids;
	return ready(read.given, async (api) => {
		const result = await readSubscription(api, subscriptionId);
		return result.ok ? { ok: true, json: [subscriptionItem(result.value)] } : result;
	});
}
