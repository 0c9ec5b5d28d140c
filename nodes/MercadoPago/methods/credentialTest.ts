import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import type { Failure } from '../errors/failure';
import { wordsFor } from '../errors/itemErrors';
import { describeBody, isObject, type Accept } from '../shared/answers';
import { openSession } from '../transport/session';
import { EDITOR_SETTINGS } from './listSearch';

/** `GET /users/me` answers with the token's account: any object with an id. */
const anAccount: Accept<true> = (_status, body) =>
	isObject(body) && body.id !== undefined && body.id !== null ? { ok: true, value: true } : { ok: false, what: describeBody(body) };

/** The credential dialog shows one line: the catalogue's message and what to check. */
function verdict(failure: Failure): INodeCredentialTestResult {
	const { message, description } = wordsFor(failure, { kind: 'read', subject: 'account' });
	return { status: 'Error', message: `${message}. ${description}` };
}

/**
 * The credential dialog's Test, run by n8n for the node's credential (`testedBy`): the
 * credential checked and `GET /users/me` sent as every execution would, through the node's
 * own transport, so the dialog refuses what the node refuses and in the same words.
 */
export async function mercadoPagoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const session = await openSession({ getCredentials: async () => credential.data ?? {} }, EDITOR_SETTINGS);
	if (!session.ok) return verdict(session.failure);
	try {
		const me = await session.api.call({ method: 'GET', path: ['users', 'me'] }, anAccount);
		return me.ok ? { status: 'OK', message: 'Connection successful!' } : verdict(me.failure);
	} finally {
		session.close();
	}
}
