import type { IDataObject } from 'n8n-workflow';

/** The subscription as Mercado Pago sends it, plus `subscriptionId`: the name Cancel, Pause and Resume read. */
export function subscriptionItem(subscription: IDataObject): IDataObject {
	return { ...subscription, subscriptionId: subscription.id };
}
