import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { listPaymentProfiles, searchCustomers, searchSubscriptions } from './methods/listSearch';

/** Describes the node and hands execution to the router; everything else lives in its own module. */
export class MercadoPago implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { listSearch: { searchCustomers, listPaymentProfiles, searchSubscriptions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
