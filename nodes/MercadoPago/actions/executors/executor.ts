import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import type { Prepared, RunContext } from '../types';

/**
 * The common work of one kind of operation, done once for every record of that kind: its form
 * and what it does for one item. `prepare` reads and checks the item's parameters and is
 * synchronous, so items are prepared in input order (the first item to use a custom key is the
 * one that keeps it); the router then runs `send` for many items at once.
 */
export interface Executor<O extends Operation> {
	/** The operation's fields, in the order the form shows them. */
	properties(operation: O): INodeProperties[];
	prepare(operation: O, ctx: IExecuteFunctions, itemIndex: number, run: RunContext): Prepared;
}
