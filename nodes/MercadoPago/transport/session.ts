import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { failure, oneLine, type Failure } from '../errors/failure';
import { leaseAccount } from './accounts';
import { Api, type ApiSettings } from './api';
import { readCredentials } from './credentials';

export interface SessionSettings extends ApiSettings {
	/** Requests this caller keeps in flight at most. */
	concurrency: number;
}

export type Session = { ok: true; api: Api; close(): void } | { ok: false; failure: Failure };

/** What every n8n context that may call Mercado Pago offers: an execution, a picker, a webhook. */
export interface CredentialSource {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}

/**
 * The one way to Mercado Pago, for the router, the editor's pickers and the trigger alike (they
 * differ only in settings): the node's credential checked, the account's shared pool and gate
 * leased. Close the session when done; the account stays open for a while for the next one.
 */
export async function openSession(
	ctx: CredentialSource,
	settings: SessionSettings,
): Promise<Session> {
	let data;
	try {
		data = await ctx.getCredentials('mercadoPagoApi');
	} catch (error) {
		return { ok: false, failure: failure('invalid_credential', { detail: oneLine((error as Error).message) }) };
	}
	const credentials = readCredentials(data);
	if (!credentials.ok) return { ok: false, failure: failure('invalid_credential', { detail: credentials.problem }) };
	let lease;
	try {
		lease = leaseAccount(credentials.value, settings.concurrency, settings.clock);
	} catch (error) {
		// e.g. an HTTP_PROXY that is not a URL: nothing can be sent from this n8n.
		return { ok: false, failure: failure('local_error', { detail: oneLine((error as Error).message) }) };
	}
	return { ok: true, api: new Api(lease.account, settings), close: lease.release };
}
