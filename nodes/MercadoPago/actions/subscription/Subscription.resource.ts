import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../types';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';
import * as search from './search.operation';

export const operations: Record<string, Operation> = { cancel, get, pause, resume, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a subscription (preapproval) so it stops charging. This cannot be undone: a cancelled subscription cannot be resumed.',
				action: 'Cancel a subscription',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one subscription (preapproval) with its status. Read-only.',
				action: 'Get a subscription',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Pause a subscription: it stops charging until it is resumed. Resume undoes it.',
				action: 'Pause a subscription',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Resume a paused subscription so it charges again. Pause undoes it.',
				action: 'Resume a subscription',
			},
			{
				name: 'Search',
				value: 'search',
				description: "Find subscriptions (preapprovals) by the payer's email and status. Read-only.",
				action: 'Search subscriptions',
			},
		],
		default: 'search',
	},
	...cancel.description,
	...get.description,
	...pause.description,
	...resume.description,
	...search.description,
];
