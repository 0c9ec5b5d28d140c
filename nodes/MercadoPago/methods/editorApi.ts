import { NodeApiError, NodeOperationError, type ILoadOptionsFunctions, type JsonObject } from 'n8n-workflow';
import { readWording, type NotFoundWording } from '../actions/outcomes';
import type { Failure } from '../errors/failure';
import { DEFAULT_BACKOFF } from '../retry/backoff';
import { MercadoPagoApi } from '../transport/api';
import { MercadoPagoClient } from '../transport/client';
import { readCredentials } from '../transport/credentials';
import { DEFAULT_RATE_GATE, RateGate } from '../transport/rateGate';

/**
 * A person is waiting on an open dropdown: a short timeout and one retry, rather than the
 * execution's patience. Everything else (token handling, errors) is the node's own transport.
 */
const EDITOR_TIMEOUT_MS = 10_000;
const EDITOR_RETRY = { ...DEFAULT_BACKOFF, maxRetries: 1, maxRetryAfterMs: 5_000 };

/** Runs `use` with a one-connection client made from the node's credential, closed afterwards. */
export async function withEditorApi<T>(ctx: ILoadOptionsFunctions, use: (api: MercadoPagoApi) => Promise<T>): Promise<T> {
	const credentials = readCredentials(await ctx.getCredentials('mercadoPagoApi'));
	if (!credentials.ok) throw new NodeOperationError(ctx.getNode(), credentials.problem);
	const client = new MercadoPagoClient({ ...credentials.value, connections: 1, timeoutMs: EDITOR_TIMEOUT_MS });
	try {
		return await use(new MercadoPagoApi(client, new RateGate(DEFAULT_RATE_GATE), EDITOR_RETRY));
	} finally {
		await client.close();
	}
}

/** What the dropdown shows when Mercado Pago refused: the same message and advice as a read's error item. */
export function pickerError(ctx: ILoadOptionsFunctions, failure: Failure, notFound?: NotFoundWording): NodeApiError {
	const { code, httpStatus, message, description } = readWording(failure, notFound);
	return new NodeApiError(ctx.getNode(), { code, httpStatus, message, description } as JsonObject, {
		message,
		description,
		httpCode: httpStatus === null ? undefined : String(httpStatus),
	});
}
