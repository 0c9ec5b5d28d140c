/**
 * The credential modal's "Test" button, the way n8n's CredentialsTester runs it: a temporary
 * declarative node whose only property routes the credential's `test.request`, run by
 * n8n-core's RoutingNode in 'internal' mode, so the credential's `authenticate` block is
 * applied and the request goes through n8n-core's HTTP helper.
 */
import './env';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsDecrypted,
	IExecuteData,
	INodeType,
	IRunExecutionData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { HarnessCredentialsHelper, createAdditionalData, credentialRef, makeNode, oneNodeWorkflow } from './harness';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** `test.rules` are not read: this package's credential has none. */
export async function testCredential(opts: {
	credentialType: ICredentialType;
	/** The credential's data, as a user would fill it in. */
	data: ICredentialDataDecryptedObject;
}): Promise<CredentialTestResult> {
	const { credentialType } = opts;
	if (!credentialType.test) throw new Error(`Harness: credential ${credentialType.name} has no test`);
	const mode: WorkflowExecuteMode = 'internal';
	const credentialsHelper = new HarnessCredentialsHelper({ [credentialType.name]: opts.data }, [credentialType]);
	const additionalData = createAdditionalData(credentialsHelper);

	const testNodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' },
			],
		},
	};
	const node = makeNode('Temp-Node', testNodeType.description.name, 1, {}, { [credentialType.name]: opts.data });
	const workflow = oneNodeWorkflow(node, testNodeType);
	const credentials: ICredentialsDecrypted = {
		...credentialRef(credentialType.name),
		type: credentialType.name,
		data: await credentialsHelper.getDecrypted(additionalData, credentialRef(credentialType.name), credentialType.name, mode),
	};
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(workflow, node, additionalData, mode, runExecutionData, 0, [], inputData, executeData, []);
	const routingNode = new RoutingNode(context, testNodeType, credentials);

	// n8n's vm expression engine evaluates only for a caller holding an isolate; an execution
	// acquires one, a credential test runs outside any. 1.x has no isolates.
	const expression = workflow.expression as { withIsolate?: <R>(f: () => Promise<R>) => Promise<R> };
	const send = async () => await routingNode.runNode();
	try {
		await (expression.withIsolate ? expression.withIsolate(send) : send());
	} catch (e) {
		// Like the tester: the HTTP answer's status text when there is one, else the error's message.
		const { message, cause } = e as { message: string; cause?: { response?: { statusText?: string } } };
		return { status: 'Error', message: cause?.response?.statusText || message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
