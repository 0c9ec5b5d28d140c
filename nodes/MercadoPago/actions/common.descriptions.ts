import type { INodeProperties } from 'n8n-workflow';
import { requestFields } from './requestOptions';

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
