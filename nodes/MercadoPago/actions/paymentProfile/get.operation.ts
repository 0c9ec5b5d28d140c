import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import { anObject } from '../../shared/answers';
import { optionsCollection } from '../common.descriptions';
import { customerLocator, paymentProfileLocator, readIds } from '../locators';
import { invalidInput, ready } from '../prepare';
import type { Prepared } from '../types';
import { profileItem } from './profileItem';

const properties: INodeProperties[] = [customerLocator, paymentProfileLocator, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['paymentProfile'], operation: ['get'] } }, properties);

export const wording: Wording = { kind: 'read', subject: 'payment profile' };

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const read = readIds(this, itemIndex, ['customerId', 'paymentProfileId']);
	if (!read.ok) return invalidInput(read.problem, read.given);
	const { customerId, paymentProfileId } = read.ids;

	return ready(read.given, async (api) => {
		const result = await api.call(profileRequest(customerId, paymentProfileId), anObject);
		return result.ok ? { ok: true, json: [profileItem(result.value, customerId)] } : result;
	});
}

/** GET of one profile: this operation, and Cancel's dry run and already-cancelled check. */
export function profileRequest(customerId: string, paymentProfileId: string) {
	return { method: 'GET', path: ['v1', 'customers', customerId, 'payment-profiles', paymentProfileId] } as const;
}
