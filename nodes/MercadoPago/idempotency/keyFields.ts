import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields with which a write's form chooses its idempotency key (runKeys.ts resolves them).
 * Names are stored in workflows: never rename them.
 */
export type IdempotencyKeyMode = 'deterministic' | 'random' | 'custom';

export const idempotencyKeyFields: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKeyMode',
		type: 'options',
		default: 'deterministic',
		options: [
			{
				name: 'Derived From IDs (Safe to Re-Run)',
				value: 'deterministic',
				description:
					'The same IDs always give the same key, so re-running the workflow, a duplicated trigger or Retry On Fail never acts twice',
			},
			{
				name: 'Random per Execution',
				value: 'random',
				description:
					"A new key for each item in each execution, kept for that item's retries and for Retry On Fail; a new execution acts again",
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own key, usually an expression such as a ticket or row ID; the same key means the same request',
			},
		],
		description: 'Lets Mercado Pago recognise a repeated request so that it happens only once',
		hint: 'Keep Derived From IDs unless you know why not: it is the one that is safe for re-runs',
	},
	{
		displayName: 'Custom Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.ticketId }}',
		description: '1 to 64 visible ASCII characters (no spaces). The same key means the same request.',
		displayOptions: { show: { idempotencyKeyMode: ['custom'] } },
	},
];
