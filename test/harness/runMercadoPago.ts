/**
 * The real Mercado Pago node run in n8n-core's engine (runNode) against a sandbox, the way
 * the engine tests, the demo and the benchmark run it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MercadoPagoApi } from '../../credentials/MercadoPagoApi.credentials';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { runNode, type RunOptions, type RunResult } from './harness';
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

/** Where the node is pointed: a sandbox in this process or one in another (the benchmark's). */
export type SandboxAddress = Pick<Sandbox, 'url' | 'token'>;

/** Runs the node with the given parameters, its credential pointed at the sandbox. */
export function runOperation(sandbox: SandboxAddress, run: OperationRun): Promise<RunResult> {
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

/** Payment Profile > Cancel of every row, CANCEL_FROM_ROWS unless `parameters` override it. */
export function runCancel(sandbox: SandboxAddress, run: OperationRun): Promise<RunResult> {
	return runOperation(sandbox, { ...run, parameters: { ...CANCEL_FROM_ROWS, ...run.parameters } });
}

/** The whole run (items, messages, the thrown error) as one string: for "the token appears nowhere" checks. */
export function everything(result: RunResult): string {
	return JSON.stringify(result.raw);
}
