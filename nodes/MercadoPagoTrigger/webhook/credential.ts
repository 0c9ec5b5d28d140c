import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * How long a notification reuses the credential another one read. Measured in n8n 2.41 under
 * 300 notifications at once: reading the credential is a query to n8n's database, and queued
 * behind the burst's own queries it took 24 s on average, longer than Mercado Pago waits for
 * the answer. A change to the credential (a reset secret, a new token) applies within this.
 */
export const CREDENTIAL_TTL_MS = 5_000;
/** Credentials of this process's triggers, at most; a bound whatever the workflows. */
const AT_MOST = 100;

interface Entry {
	data: Promise<ICredentialDataDecryptedObject>;
	expiresAt: number;
}

/**
 * The credentials this n8n process's triggers read recently, by credential id: notifications
 * arriving together wait for one read instead of each sending its own. A failed read is not kept.
 */
export class CredentialCache {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly ttlMs = CREDENTIAL_TTL_MS,
		private readonly now: () => number = Date.now,
		private readonly maxEntries = AT_MOST,
	) {}

	async get(id: string, read: () => Promise<ICredentialDataDecryptedObject>): Promise<ICredentialDataDecryptedObject> {
		const now = this.now();
		const known = this.entries.get(id);
		if (known && known.expiresAt > now) return await known.data;
		this.entries.delete(id);
		if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
		const data = read();
		this.entries.set(id, { data, expiresAt: now + this.ttlMs });
		// A failed read is not kept: the next notification reads again.
		data.catch(() => {
			if (this.entries.get(id)?.data === data) this.entries.delete(id);
		});
		return await data;
	}
}

const cache = new CredentialCache();

/** The trigger's credential, read through the process's cache when the node names it by id. */
export async function triggerCredential(ctx: IWebhookFunctions): Promise<ICredentialDataDecryptedObject> {
	const id = ctx.getNode().credentials?.mercadoPagoApi?.id;
	const read = async () => await ctx.getCredentials('mercadoPagoApi');
	return id ? await cache.get(id, read) : await read();
}
