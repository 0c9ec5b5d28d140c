import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { Wording } from '../../errors/catalogue';
import type { ApiResult, Caller } from '../../transport/api';
import { theObject } from '../../shared/answers';
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
		const result = await readProfile(api, customerId, paymentProfileId);
		return result.ok ? { ok: true, json: [profileItem(result.value, customerId)] } : result;
	});
}

/** The profile asked for, and nothing else: this operation, and Cancel's dry run and already-cancelled check. */
export function readProfile(api: Caller, customerId: string, paymentProfileId: string): Promise<ApiResult<IDataObject>> {
	const path = ['v1', 'customers', customerId, 'payment-profiles', paymentProfileId];
	return api.call({ method: 'GET', path }, theObject(paymentProfileId));
}
