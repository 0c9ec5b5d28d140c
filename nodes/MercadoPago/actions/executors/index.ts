import type { Operation } from '../operation';
import type { Executor } from './executor';
import { readList } from './readList';
import { readOne } from './readOne';
import { setStatus } from './setStatus';

/** What an operation's answer must prove decides which executor runs it. */
const EXECUTORS = { theObject: readOne, page: readList, statusReached: setStatus } satisfies {
	[P in Operation['proof']]: Executor<Extract<Operation, { proof: P }>>;
};

export function executorOf<O extends Operation>(operation: O): Executor<O> {
	return EXECUTORS[operation.proof] as unknown as Executor<O>;
}
