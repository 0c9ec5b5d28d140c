import type { INodeProperties } from 'n8n-workflow';

/** Fields every operation shows. Names are stored in workflows: never rename them. */

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;

export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 64 },
			default: DEFAULT_CONCURRENCY,
			description: 'How many requests may be in flight at once. Applies to the whole run, not per item.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often to retry an item after a rate limit (429), a Mercado Pago server error (5xx), a timeout or a dropped connection. 0 = no retries. Every retry sends the same idempotency key.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Spaces requests to stay under your account's known rate limit. 0 = no cap: the node still slows every request down together when Mercado Pago answers 429, and speeds up again when it stops.",
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'Milliseconds to wait for each request before it counts as timed out (and is retried)',
		},
	],
};
