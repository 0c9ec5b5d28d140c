import type { IDataObject } from 'n8n-workflow';

/**
 * Mercado Pago's profile carries no customer id; the node adds `customer_id` so the next node
 * (usually Cancel) finds both ids in `$json`, without reaching back to an earlier node.
 */
export function withCustomerId(profile: IDataObject, customerId: string): IDataObject {
	return { ...profile, customer_id: customerId };
}
