import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { CatalogueCode, Placeholders, Voice } from '../errors/catalogue';
import type { Failure } from '../errors/failure';
import type { Endpoint, Values } from './endpoint';
import type { IdField } from './locators';

/**
 * One operation, as one declarative record: everything the node class, the router, the
 * resource's option list, the docs and the tests know of it. What it does is one of three
 * kinds, each run by one executor (executors/): a read of one object, a paged list, or a
 * change of status. Stored values (`value`, the fields' names) never change meaning.
 */
export type Operation = ReadOne | ReadList | SetStatus;

/** A resource: its stored value, its name in the form, and its default operation per node version. */
export interface Resource {
	value: string;
	name: string;
	defaults: { v1: string; v2: string };
}

/**
 * What an operation does to Mercado Pago. It decides the last words of its description, the
 * irreversible notice, which options it has (Dry Run for changes) and how its errors advise.
 */
export type Effect =
	| { kind: 'read' }
	/** `undoneBy`: the stored value of the operation of the same resource that undoes it. */
	| { kind: 'reversible'; undoneBy: string }
	/** `notice`: the act, as the notice at the top of its form begins ("Cancelling a payment profile"); `forGood`: why it cannot be undone. */
	| { kind: 'irreversible'; notice: string; forGood: string };

export const READ = { kind: 'read' } as const;

/** A field of the item beyond its ids (an email, a filter): its form fields and its reading. */
export interface Input {
	fields: INodeProperties[];
	read(ctx: IExecuteFunctions, itemIndex: number): InputRead;
}

/** `given`: the item's values as it gave them, for its error item; a blank or unknown one is a problem, never left out. */
export type InputRead = { given: IDataObject } & ({ ok: true; values: Values } | { ok: false; problem: string });

interface Common {
	/** Stored in workflows. */
	value: string;
	/** Shown in the operation list: "Get Many". */
	label: string;
	/** The node panel's and an AI tool's name for it: "Get many payment profiles". */
	action: string;
	/** What it does, in a sentence; the effect adds whether it changes anything. */
	summary: string;
	effect: Effect;
	/** Its error items' words: `subject` always, `act` and `check` for a change. */
	words: Placeholders;
	/** Its ids, in path order: each one's picker, read and checked for every item (a blank one refuses the item). */
	ids: readonly IdField[];
	request: Endpoint;
}

/** Reads one object: proved by `theObject(<its last id>)`. */
export interface ReadOne extends Common {
	effect: typeof READ;
	proof: 'theObject';
	/** The output item made of the object (by default the object as it came). */
	item?: (object: IDataObject, values: Values) => IDataObject;
}

/** Lists objects page by page: each page proved by `aPage(list)`. */
export interface ReadList extends Common {
	effect: typeof READ;
	proof: 'page';
	/** The key of the page's list in Mercado Pago's answer. */
	list: 'results' | 'data';
	/** What narrows the list besides the ids (an email); a blank one refuses the item, never widens the request. */
	inputs?: readonly Input[];
	/** The Filters collection, shown after Return All and Limit. */
	filter?: Input;
	item?: (object: IDataObject, values: Values) => IDataObject;
}

/**
 * Sets the object's status: proved by the object answered in `target` (or an empty answer with
 * one of `emptyAnswers`). A refusal `mayBeDone` reads it back: already in `target` is done.
 */
export interface SetStatus extends Common {
	effect: Exclude<Effect, typeof READ>;
	proof: 'statusReached';
	target: string;
	emptyAnswers: readonly number[];
	/** How the object is read for a dry run and after a refusal. */
	readBack: ReadOne;
	mayBeDone(refusal: Failure): boolean;
	/** A status from which nothing changes any more, and the code of a change it refuses. */
	terminal?: { status: string; code: CatalogueCode };
	/** Its idempotency key; none for a change that is idempotent by itself. */
	key?: KeyDerivation;
	/** Whether Already Cancelled Is a Success applies, and its items carry `alreadyCancelled`. */
	alreadyCancelled?: true;
	/** How the summary counts a row changed, and one already in `target`. */
	tallies: { done: string; already: string };
}

/**
 * The Derived From IDs key: uuidv5 of `name` and the ids, so the same ids never give two acts one
 * key. A write that creates derives from the body too: two creates for one customer are two requests.
 */
export interface KeyDerivation {
	name: string;
	from: 'ids' | 'idsAndBody';
}

/** How the operation's failures are told; a dry run only reads, so its failures are a read's. */
export function voiceOf(operation: Operation, dryRun = false): Voice {
	return { kind: operation.effect.kind === 'read' || dryRun ? 'read' : 'write', ...operation.words };
}
