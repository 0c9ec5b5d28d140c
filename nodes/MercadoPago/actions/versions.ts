import type { IDisplayOptions, INodeProperties, NodeParameterValue } from 'n8n-workflow';

/**
 * Node versions differ only in defaults: version 1 keeps every default saved workflows rely
 * on; version 2 starts new nodes (and new AI tools) on a read-only operation.
 */
export const NODE_VERSIONS = [1, 2];
export const DEFAULT_VERSION = 2;

/** Version 1 keeps Payment Profile, which workflows saved without a resource rely on. */
export const DEFAULT_RESOURCE = { v1: 'paymentProfile', v2: 'customer' };

type Versions = NonNullable<IDisplayOptions['show']>['@version'];

/**
 * The same property once per version, each with that version's default. Version 2 comes
 * first and is named by number: n8n 1.x builds the node panel's actions from the first
 * property whose version list names a version of the node, and ignores conditions.
 */
export function byVersion(property: INodeProperties, defaults: { v1: NodeParameterValue; v2: NodeParameterValue }): INodeProperties[] {
	const at = (versions: Versions): IDisplayOptions => ({
		...property.displayOptions,
		show: { ...property.displayOptions?.show, '@version': versions },
	});
	return [
		{ ...property, default: defaults.v2, displayOptions: at([2]) },
		{ ...property, default: defaults.v1, displayOptions: at([1]) },
	];
}
