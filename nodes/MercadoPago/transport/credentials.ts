import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface MercadoPagoCredentials {
	accessToken: string;
	baseUrl: string;
}

export const DEFAULT_BASE_URL = 'https://api.mercadopago.com';

/** The credential as the client needs it: token trimmed, base URL checked; problems never quote the token. */
export function readCredentials(
	data: ICredentialDataDecryptedObject,
): { ok: true; value: MercadoPagoCredentials } | { ok: false; problem: string } {
	const accessToken = typeof data.accessToken === 'string' ? data.accessToken.trim() : '';
	if (accessToken === '') return { ok: false, problem: 'The Mercado Pago API credential has no access token' };
	const baseUrl = (typeof data.baseUrl === 'string' && data.baseUrl.trim() !== '' ? data.baseUrl : DEFAULT_BASE_URL).trim();
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return { ok: false, problem: `The credential's Base URL "${baseUrl}" is not a valid URL` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: `The credential's Base URL must start with https:// (got "${url.protocol}")` };
	}
	return { ok: true, value: { accessToken, baseUrl } };
}
