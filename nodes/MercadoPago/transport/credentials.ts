import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { PROBLEMS } from '../errors/problems';
import { Redactor } from './redact';

/** The credential as the transport needs it. */
export interface MercadoPagoCredentials {
	accessToken: string;
	/** scheme://host[:port], what undici connects to */
	origin: string;
	/** A proxy's path prefix, without a trailing slash; '' for Mercado Pago itself. */
	basePath: string;
}

const DEFAULT_BASE_URL = 'https://api.mercadopago.com';

/** Header values carry visible ASCII, spaces and Latin-1; a CR or LF would split the header. */
// eslint-disable-next-line no-control-regex
const NOT_IN_A_HEADER = /[\u0000-\u001f\u007f-\u009f]|[^\u0000-\u00ff]/;

/**
 * Checks the credential before anything is sent. The Base URL must be https, except for a
 * sandbox on this machine: the token travels in every request. Problems quote the Base URL's
 * scheme and host at most, never its path or query: a token pasted there by mistake, or a
 * proxy path that carries a key, would otherwise reach every error item and the credential test.
 */
export function readCredentials(
	data: ICredentialDataDecryptedObject,
): { ok: true; value: MercadoPagoCredentials } | { ok: false; problem: string } {
	const accessToken = typeof data.accessToken === 'string' ? data.accessToken.trim() : '';
	if (accessToken === '') return { ok: false, problem: PROBLEMS.tokenMissing() };
	if (NOT_IN_A_HEADER.test(accessToken)) return { ok: false, problem: PROBLEMS.tokenCharacters() };

	const given = typeof data.baseUrl === 'string' && data.baseUrl.trim() !== '' ? data.baseUrl.trim() : DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(given);
	} catch {
		return { ok: false, problem: PROBLEMS.baseUrlInvalid() };
	}
	if (url.username !== '' || url.password !== '') return { ok: false, problem: PROBLEMS.baseUrlUserinfo() };
	const site = new Redactor(accessToken).text(`${url.protocol}//${url.host}`);
	const shown = url.pathname === '/' && url.search === '' && url.hash === '' ? site : `${site}/…`;
	if (url.search !== '' || url.hash !== '' || given.includes('?') || given.includes('#')) {
		return { ok: false, problem: PROBLEMS.baseUrlQuery(shown) };
	}
	const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
	if (!secure) return { ok: false, problem: PROBLEMS.baseUrlNotHttps(shown) };
	return { ok: true, value: { accessToken, origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') } };
}

/** Hosts a sandbox on this machine listens on: nothing leaves it. */
export function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
