import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { theObject } from '../../shared/answers';
import type { ApiResult, Caller } from '../../transport/api';
import { optionsCollection } from '../common.descriptions';
import { requestOf, type Values } from '../endpoint';
import { idsInput } from '../locators';
import type { ReadOne } from '../operation';
import { invalidInput, readInputs, ready } from '../prepare';
import type { Executor } from './executor';

/** Reads the one object the item's ids name: its Get, and a change's dry run and read-back. */
export function readObject(api: Caller, operation: ReadOne, values: Values): Promise<ApiResult<IDataObject>> {
	const id = values[operation.ids[operation.ids.length - 1]]!;
	return api.call(requestOf(operation.request, values), theObject(id));
}

export const readOne: Executor<ReadOne> = {
	properties(operation): INodeProperties[] {
		return [...idsInput(operation.ids).fields, optionsCollection()];
	},

	prepare(operation, ctx, itemIndex) {
		const read = readInputs([idsInput(operation.ids)], ctx, itemIndex);
		if (!read.ok) return invalidInput(read.problem, read.given);
		const { values } = read;
		return ready(read.given, async (api) => {
			const result = await readObject(api, operation, values);
			if (!result.ok) return result;
			return { ok: true, json: [operation.item ? operation.item(result.value, values) : result.value] };
		});
	},
};
