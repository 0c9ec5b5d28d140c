/**
 * The credential modal's "Test" button, the way n8n's CredentialsTester runs it. It looks for
 * a test in this order: the credential's own `test.request`; else, among the nodes that use
 * the credential, the first naming it with `testedBy`, whose `methods.credentialTest`
 * function it calls with a CredentialTestContext and the credential's data (defaults filled
 * in, expressions resolved). A request test runs as a temporary declarative node whose only
 * property routes `test.request`, through n8n-core's RoutingNode in 'internal' mode, so the
 * credential's `authenticate` block is applied and the request goes through n8n-core's HTTP helper.
 */
import './env';

import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialType,
	ICredentialsDecrypted,
	IExecuteData,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { HarnessCredentialsHelper, createAdditionalData, credentialRef, makeNode, oneNodeWorkflow } from './harness';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(opts: {
	credentialType: ICredentialType;
	/** The credential's data, as a user would fill it in. */
	data: ICredentialDataDecryptedObject;
	/** The nodes of the package: where a `testedBy` test is found. */
	nodeTypes?: INodeType[];
}): Promise<CredentialTestResult> {
	const { credentialType } = opts;
	const mode: WorkflowExecuteMode = 'internal';
	const credentialsHelper = new HarnessCredentialsHelper({ [credentialType.name]: opts.data }, [credentialType]);
	const additionalData = createAdditionalData(credentialsHelper);
	const credentials: ICredentialsDecrypted = {
		...credentialRef(credentialType.name),
		type: credentialType.name,
		data: await credentialsHelper.getDecrypted(additionalData, credentialRef(credentialType.name), credentialType.name, mode),
	};
	if (credentialType.test) return await requestTest(credentialType, credentials, opts.data, additionalData);
	const tester = testedBy(credentialType.name, opts.nodeTypes ?? []);
	if (!tester) return { status: 'Error', message: 'No testing function found for this credential.' };
	const result = await tester.call(new CredentialTestContext(additionalData), credentials);
	return { status: result.status, message: result.message };
}

/** Like the tester: the first node naming the credential with a `testedBy` string decides, found or not. */
function testedBy(credentialName: string, nodeTypes: INodeType[]): ICredentialTestFunction | undefined {
	for (const nodeType of nodeTypes) {
		const entry = nodeType.description.credentials?.find((c) => c.name === credentialName && typeof c.testedBy === 'string');
		if (entry) return nodeType.methods?.credentialTest?.[entry.testedBy as string];
	}
	return undefined;
}

/** `test.rules` are not read: no credential here has them. */
async function requestTest(
	credentialType: ICredentialType,
	credentials: ICredentialsDecrypted,
	data: ICredentialDataDecryptedObject,
	additionalData: IWorkflowExecuteAdditionalData,
): Promise<CredentialTestResult> {
	const mode: WorkflowExecuteMode = 'internal';
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
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test!.request }, default: '' },
			],
		},
	};
	const node = makeNode('Temp-Node', testNodeType.description.name, 1, {}, { [credentialType.name]: data });
	const workflow = oneNodeWorkflow(node, testNodeType);
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
