import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as get from './get.operation';
import * as search from './search.operation';

export const operations: Record<string, Operation> = { get, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customer by ID. Read-only.',
				action: 'Get a customer',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find customers by email address, to get their customer ID. Read-only.',
				action: 'Search customers by email',
			},
		],
		default: 'search',
	},
	...get.description,
	...search.description,
];
