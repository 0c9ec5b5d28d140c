import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { failure } from '../errors/failure';
import type { Caller } from '../transport/api';
import type { Values } from './endpoint';
import type { Input, InputRead } from './operation';
import type { ItemOutcome, Prepared } from './types';

/** The item's input cannot be sent: it fails alone, and nothing goes over the wire. */
export function invalidInput(problem: string, context: IDataObject): Prepared {
	return { ok: false, failure: failure('invalid_input', { detail: problem }), context };
}

/** The item is ready: `send` runs when its turn comes. */
export function ready(context: IDataObject, send: (api: Caller) => Promise<ItemOutcome>): Prepared {
	return { ok: true, context, send };
}

/** Every input of the item, in order: all of them as given (for its error item), and the first problem. */
export function readInputs(inputs: readonly Input[], ctx: IExecuteFunctions, itemIndex: number): InputRead {
	const given: IDataObject = {};
	const values: Record<string, string | undefined> = {};
	let problem: string | undefined;
	for (const input of inputs) {
		const read = input.read(ctx, itemIndex);
		Object.assign(given, read.given);
		if (read.ok) Object.assign(values, read.values);
		else problem ??= read.problem;
	}
	return problem === undefined ? { ok: true, given, values } : { ok: false, given, problem };
}

/** The ids as they are sent, under their names, in path order: what success items and dry runs show. */
export function idsOf(names: readonly string[], values: Values): IDataObject {
	return Object.fromEntries(names.map((name) => [name, values[name]]));
}
