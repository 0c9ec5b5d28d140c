import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { TOPICS } from './webhook/events';

/** Ranges of the numeric options; a value typed or from an expression is clamped into them. */
export const RANGES = {
	/** 0 = no limit: see the option's description for why that is the default. */
	timestampTolerance: { min: 0, max: 30 * 24 * 60 * 60 },
	/** Mercado Pago waits 22 s for the answer; the rest is n8n's to save and start the execution. */
	readTimeLimit: { min: 1, max: 15 },
} as const;

/** Names are stored in workflows: never rename them. */
export const properties: INodeProperties[] = [
	{
		displayName:
			'Mercado Pago has no API to register this URL: paste it yourself. In Mercado Pago go to Your integrations > (your application) > Webhooks > Configure notifications, paste the Production URL shown above (the Test URL while you click "Listen for test event"), tick the same events as below, and save. Copy the secret signature Mercado Pago then shows into the Secret Signature field of the Mercado Pago API credential. For subscriptions created through the API you can instead set their notification_url to the Production URL.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: TOPICS,
		description:
			'The topics that start the workflow. A notification of any other topic is answered 200 and starts nothing.',
	},
	{
		displayName: 'Accept Unsigned Notifications',
		name: 'acceptUnsigned',
		type: 'boolean',
		default: false,
		description:
			'Whether to start the workflow for notifications the trigger cannot verify, when the credential has no secret signature (older IPN calls included). Off, nothing starts without a secret.',
	},
	{
		displayName:
			'Anyone who knows this URL can start the workflow while the credential has no secret signature. Set the secret signature instead whenever you can; it takes precedence over this switch.',
		name: 'unsignedWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { acceptUnsigned: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Drop Redeliveries',
				name: 'dropRedeliveries',
				type: 'boolean',
				default: false,
				description:
					'Whether to start nothing for a notification this n8n process already started the workflow for in the last 72 hours (at most 10,000 remembered). Each n8n process remembers its own: in queue mode with several webhook processes, drop repeats by the output\'s deliveryKey instead.',
			},
			{
				displayName: 'Read the Object',
				name: 'resolve',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the payment, subscription, charge, plan, payment profile or customer the notification names, so the workflow gets its current state in "resource". A read that fails still starts the workflow, with resource null and an error.',
			},
			{
				displayName: 'Read Time Limit (Seconds)',
				name: 'readTimeLimit',
				type: 'number',
				typeOptions: { minValue: RANGES.readTimeLimit.min, maxValue: RANGES.readTimeLimit.max },
				default: 10,
				description: `The read, retries included, ends within this (${RANGES.readTimeLimit.min} to ${RANGES.readTimeLimit.max}); then the workflow starts with resource null and a timeout error. Mercado Pago redelivers a notification not answered within 22 seconds.`,
			},
			{
				displayName: 'Timestamp Tolerance (Seconds)',
				name: 'timestampTolerance',
				type: 'number',
				typeOptions: { minValue: RANGES.timestampTolerance.min, maxValue: RANGES.timestampTolerance.max },
				default: 0,
				description:
					'Refuse a signed notification whose ts is further than this from now. 0 = no limit (the default): Mercado Pago redelivers 15 minutes and more later, and does not say whether a redelivery is signed anew, so a limit may refuse genuine redeliveries.',
			},
		],
	},
];

export interface TriggerSettings {
	events: string[];
	acceptUnsigned: boolean;
	dropRedeliveries: boolean;
	resolve: boolean;
	readTimeLimitMs: number;
	toleranceSeconds: number;
}

/** A number or numeric text, into its range; anything else gives the default the form shows. */
function numberIn(value: unknown, name: keyof typeof RANGES): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	const options = properties.find((p) => p.name === 'options')!.options as INodeProperties[];
	if (!Number.isFinite(n)) return options.find((o) => o.name === name)!.default as number;
	return Math.min(RANGES[name].max, Math.max(RANGES[name].min, n));
}

export function readSettings(parameters: { events: unknown; acceptUnsigned: unknown; options: IDataObject }): TriggerSettings {
	const { events, acceptUnsigned, options } = parameters;
	return {
		events: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [],
		acceptUnsigned: acceptUnsigned === true,
		dropRedeliveries: options.dropRedeliveries === true,
		resolve: options.resolve !== false,
		readTimeLimitMs: numberIn(options.readTimeLimit, 'readTimeLimit') * 1000,
		toleranceSeconds: numberIn(options.timestampTolerance, 'timestampTolerance'),
	};
}
