import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import { byVersion } from '../versions';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, Operation> = { cancel, get, getAll };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['paymentProfile'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description:
				"Cancel a customer's payment profile so it stops charging. This cannot be undone: a cancelled profile cannot be reactivated.",
			action: 'Cancel a payment profile',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one payment profile of a customer, with its status. Read-only.',
			action: 'Get a payment profile',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "List a customer's payment profiles, optionally only those in one status. Read-only.",
			action: 'Get many payment profiles',
		},
	],
	default: 'cancel',
};

export const description: INodeProperties[] = [
	...byVersion(operation, { v1: 'cancel', v2: 'getAll' }),
	...cancel.description,
	...get.description,
	...getAll.description,
];
