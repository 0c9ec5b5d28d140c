import { updateDisplayOptions, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';
import { executorOf } from './executors';
import type { Operation, Resource } from './operation';
import { RESOURCES } from './operations.generated';
import { byVersion, DEFAULT_RESOURCE } from './versions';

/**
 * The one registry of operations: the node's form, the router, the docs and the tests read it.
 * Its list is generated from the folders (operations.generated.ts); each record is its
 * `<value>.operation.ts`.
 */
export interface Registered {
	resource: Resource;
	operation: Operation;
}

export const REGISTRY: readonly Registered[] = RESOURCES.flatMap(({ resource, operations }) =>
	operations.map((operation) => ({ resource, operation })),
);

export function findOperation(resource: string, value: string): Operation | undefined {
	return REGISTRY.find((entry) => entry.resource.value === resource && entry.operation.value === value)?.operation;
}

/** The option's description: what it does, and whether it changes anything, in words its effect decides. */
export function descriptionOf({ resource, operation }: Registered): string {
	const { effect } = operation;
	if (effect.kind === 'read') return `${operation.summary} Read-only.`;
	if (effect.kind === 'irreversible') return `${operation.summary} This cannot be undone: ${effect.forGood}.`;
	const undoing = findOperation(resource.value, effect.undoneBy);
	if (!undoing) throw new Error(`${resource.value} > ${operation.value} is undone by ${effect.undoneBy}, which it does not have`);
	return `${operation.summary} ${undoing.label} undoes it.`;
}

function byName<T extends { name: string }>(options: T[]): T[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

function operationProperty(resource: Resource, operations: readonly Operation[]): INodeProperties[] {
	const { v1, v2 } = resource.defaults;
	const property: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: byName(
			operations.map(
				(operation): INodePropertyOptions => ({
					name: operation.label,
					value: operation.value,
					description: descriptionOf({ resource, operation }),
					action: operation.action,
				}),
			),
		),
		default: v2,
	};
	return v1 === v2 ? [property] : byVersion(property, resource.defaults);
}

/** Every property of the node, in the order the form shows them. */
export function nodeProperties(): INodeProperties[] {
	const { v2 } = DEFAULT_RESOURCE;
	const resource: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: byName(RESOURCES.map(({ resource }) => ({ name: resource.name, value: resource.value }))),
		default: v2,
	};
	return [
		...byVersion(resource, DEFAULT_RESOURCE),
		...RESOURCES.flatMap(({ resource, operations }) => [
			...operationProperty(resource, operations),
			...operations.flatMap((operation) =>
				updateDisplayOptions(
					{ show: { resource: [resource.value], operation: [operation.value] } },
					executorOf(operation).properties(operation),
				),
			),
		]),
	];
}
