import type { IDataObject } from 'n8n-workflow';
import type { Values } from '../endpoint';

/**
 * Mercado Pago's profile carries no customer id. The node adds `customer_id` (stored by
 * workflows since the first release) and the names Cancel reads, `customerId` and
 * `paymentProfileId`, so the next node finds both ids in `$json` under the same names a
 * sheet uses.
 */
export function profileItem(profile: IDataObject, { customerId }: Values): IDataObject {
	return { ...profile, customer_id: customerId, customerId, paymentProfileId: profile.id };
}
