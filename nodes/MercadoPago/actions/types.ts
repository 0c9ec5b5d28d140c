import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Wording } from '../errors/catalogue';
import type { Failure } from '../errors/failure';
import type { RunKeys } from '../idempotency/keyFields';
import type { Flags } from './flags';
import type { Caller } from '../transport/api';

/**
 * One item's result: its output items, or the failure that goes to the error output (the
 * router adds the item's context and how many requests it sent).
 */
export type ItemOutcome =
	| {
			ok: true;
			json: IDataObject[];
			/** How the batch summary counts this item, e.g. "cancelled", "already cancelled"; `{rows}` is "row" or "rows". */
			tally?: string;
	  }
	| { ok: false; failure: Failure };

/** What one item will do once its turn comes, or why it cannot be sent. */
export type Prepared =
	| { ok: false; failure: Failure; context: IDataObject }
	| {
			ok: true;
			/** Ids (and key) of the item, as its error item shows them. */
			context: IDataObject;
			send(api: Caller): Promise<ItemOutcome>;
	  };

/** What every item of one run shares. */
export interface RunContext {
	keys: RunKeys;
	/** The options that decide what the run does (Dry Run…), read once per run. */
	flags: Flags;
	/** The node's typeVersion. */
	version: number;
}

/**
 * One operation: its fields, how its errors speak, and what it does for one item.
 * `prepare` reads and checks the item's parameters and is synchronous, so items are
 * prepared in input order (the first item to use a custom key is the one that keeps it);
 * the router then runs `send` for many items at once.
 */
export interface Operation {
	description: INodeProperties[];
	wording: Wording;
	prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared;
}
