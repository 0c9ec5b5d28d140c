import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runNode, type RunOptions, type RunResult } from '../harness/harness';
import type { Sandbox } from '../sandbox/server';

/** Cancel with ids read per item from the input rows, as a sheet-driven workflow would. */
export const CANCEL_FROM_ROWS: INodeParameters = {
	resource: 'paymentProfile',
	operation: 'cancel',
	customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' },
	paymentProfileId: { __rl: true, mode: 'id', value: '={{ $json.paymentProfileId }}' },
};

export interface OperationRun extends Partial<Omit<RunOptions, 'items' | 'parameters'>> {
	items: IDataObject[];
	parameters?: INodeParameters;
	options?: IDataObject;
	token?: string;
	baseUrl?: string;
}

/** Runs the real node in n8n-core's engine against the sandbox, with the given parameters. */
export function runOperation(sandbox: Sandbox, run: OperationRun): Promise<RunResult> {
	const { items, parameters, options, token, baseUrl, ...rest } = run;
	return runNode({
		nodeType: new MercadoPago(),
		credentialTypes: [new MercadoPagoApi()],
		credentials: { mercadoPagoApi: { accessToken: token ?? sandbox.token, baseUrl: baseUrl ?? sandbox.url } },
		parameters: { ...parameters, options: { maxRetries: 3, ...options } },
		items,
		...rest,
	});
}

export function runCancel(sandbox: Sandbox, run: OperationRun): Promise<RunResult> {
	return runOperation(sandbox, { ...run, parameters: { ...CANCEL_FROM_ROWS, ...run.parameters } });
}

/** Every item's json, flattened to a string: for "the token appears nowhere" checks. */
export function everything(result: RunResult): string {
	return JSON.stringify(result.raw);
}
