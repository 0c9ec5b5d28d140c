import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { MAX_CONCURRENCY } from '../transport/accounts';
import { DEFAULT_RATE_LIMIT_WAIT_S } from '../transport/throughGate';

/**
 * The Options every operation shows, their documented ranges, and their reading: a value
 * typed or from an expression is clamped into its range, so no option can park a run, flood
 * the account or overflow a timer. Names are stored in workflows: never rename them.
 */
export const RANGES = {
	concurrency: { min: 1, max: MAX_CONCURRENCY },
	maxRetries: { min: 0, max: 10 },
	timeout: { min: 1, max: 600_000 },
	/** 0 = no cap; a cap below the minimum is raised to it. */
	requestsPerSecond: { min: 0.1, max: 10_000 },
	/** Seconds; 0 = an item fails at its first 429. */
	rateLimitWait: { min: 0, max: 86_400 },
} as const;

const requestFields: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: RANGES.concurrency.min, maxValue: RANGES.concurrency.max },
		default: 8,
		description: `How many requests may be in flight at once for the whole run (${RANGES.concurrency.min} to ${RANGES.concurrency.max})`,
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: RANGES.maxRetries.min, maxValue: RANGES.maxRetries.max },
		default: 3,
		description: `How often to retry an item after a Mercado Pago server error (5xx), a timeout or a dropped connection (${RANGES.maxRetries.min} to ${RANGES.maxRetries.max}; 0 = no retries). Every retry sends the same request and idempotency key. A rate limit (429) spends no retry: see Rate Limit Wait.`,
	},
	{
		displayName: 'Rate Limit Wait (Seconds)',
		name: 'rateLimitWait',
		type: 'number',
		typeOptions: { minValue: RANGES.rateLimitWait.min, maxValue: RANGES.rateLimitWait.max },
		default: DEFAULT_RATE_LIMIT_WAIT_S,
		description: `How long an item refused by Mercado Pago's rate limit (429) keeps waiting for its turn to be sent again, with the same idempotency key, before it fails with too_many_requests (${RANGES.rateLimitWait.min} to ${RANGES.rateLimitWait.max}; 0 = fail at the first 429)`,
	},
	{
		displayName: 'Max Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: RANGES.requestsPerSecond.max },
		default: 0,
		description: `Spaces this run's requests to stay under a rate limit you know (${RANGES.requestsPerSecond.min} to ${RANGES.requestsPerSecond.max}). 0 = no cap: the node still finds the limit from Mercado Pago's 429 answers and slows down with every run using the same account.`,
	},
	{
		displayName: 'Timeout (Milliseconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: RANGES.timeout.min, maxValue: RANGES.timeout.max },
		default: 30_000,
		description: `Milliseconds to wait for each request, its whole answer included, before it counts as timed out and is retried (up to ${RANGES.timeout.max})`,
	},
];

/** The Options collection: the request options, plus an operation's own. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...requestFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export interface RequestSettings {
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
	requestsPerSecond: number | undefined;
	rateLimitWaitMs: number;
}

export function readSettings(options: IDataObject): RequestSettings {
	const read = (name: keyof typeof RANGES, whole: boolean) => clamp(options[name], name, whole);
	const cap = read('requestsPerSecond', false);
	return {
		concurrency: read('concurrency', true),
		maxRetries: read('maxRetries', true),
		timeoutMs: read('timeout', true),
		requestsPerSecond: cap > 0 ? cap : undefined,
		rateLimitWaitMs: read('rateLimitWait', false) * 1000,
	};
}

/** The default the form shows is the one a missing or unreadable value gets. */
function defaultOf(name: keyof typeof RANGES): number {
	return requestFields.find((field) => field.name === name)!.default as number;
}

/** A number or numeric text, into its range; anything else, and 0 for an optional cap, gives the default. */
function clamp(value: unknown, name: keyof typeof RANGES, whole: boolean): number {
	const range = RANGES[name];
	const fallback = defaultOf(name);
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(n) || (fallback === 0 && n <= 0)) return fallback;
	const bounded = Math.min(range.max, Math.max(range.min, n));
	return whole ? Math.floor(bounded) : bounded;
}

/** At the top of an irreversible operation's form: said before anyone runs it on a batch. */
export function irreversibleNotice(act: string): INodeProperties {
	return {
		displayName: `${act} cannot be undone. For a batch, set Settings > On Error to "Continue (using error output)" and run it once with Options > Dry Run first.`,
		name: 'irreversibleNotice',
		type: 'notice',
		default: '',
	};
}

export function dryRunOption(description: string): INodeProperties {
	return {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: `Whether to only read and report: ${description}. Nothing is changed and no idempotency key is sent.`,
	};
}

export const alreadyCancelledOption: INodeProperties = {
	displayName: 'Already Cancelled Is a Success',
	name: 'alreadyCancelledIsSuccess',
	type: 'boolean',
	default: true,
	description:
		'Whether an item whose cancellation Mercado Pago refuses because it is already cancelled goes to the success output, with alreadyCancelled: true',
};
