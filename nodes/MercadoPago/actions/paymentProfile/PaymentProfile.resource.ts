import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as cancel from './cancel.operation';

export const operations: Record<string, Operation> = { cancel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentProfile'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: "Cancel a customer's payment profile. This cannot be undone.",
				action: 'Cancel a payment profile',
			},
		],
		default: 'cancel',
	},
	...cancel.description,
];
