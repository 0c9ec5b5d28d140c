/**
 * Calls a node's listSearch method (a resource locator's `list` mode) the way n8n's editor
 * backend does: a one-node workflow holding the node's current parameters and credential,
 * and n8n-core's own LoadOptionsContext as `this`. Nothing of the context is mocked.
 */
import './env';

import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import {
	DEFAULT_NODE_TYPE_NAME,
	HarnessCredentialsHelper,
	createAdditionalData,
	highestVersion,
	makeNode,
	oneNodeWorkflow,
} from './harness';

export interface ListSearchOptions {
	nodeType: INodeType;
	/** Name under `methods.listSearch`, e.g. 'searchCustomers'. */
	method: string;
	/** The node's parameters as the editor holds them while the dropdown is open. */
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/** What the user typed in the dropdown's search box. */
	filter?: string;
	/** The token the previous page returned, for the next page (the dropdown scrolled down). */
	paginationToken?: string;
}

export async function runListSearch(opts: ListSearchOptions): Promise<INodeListSearchResult> {
	const method = opts.nodeType.methods?.listSearch?.[opts.method];
	if (!method) throw new Error(`Harness: the node has no listSearch method "${opts.method}"`);
	const node = makeNode('Temp-Node', DEFAULT_NODE_TYPE_NAME, highestVersion(opts.nodeType), opts.parameters, opts.credentials);
	const workflow = oneNodeWorkflow(node, opts.nodeType);
	const additionalData = createAdditionalData(new HarnessCredentialsHelper(opts.credentials ?? {}, opts.credentialTypes ?? []));
	additionalData.currentNodeParameters = opts.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.listSearch');
	return await method.call(context, opts.filter, opts.paginationToken);
}
