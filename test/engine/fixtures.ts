/** Seeding and reading helpers the engine tests share. */
import type { ERROR_CATALOGUE } from '../../nodes/MercadoPago/errors/catalogue';
import type { Sandbox } from '../sandbox/server';
import type { NewCustomer, NewProfile } from '../sandbox/types';

/** The ids of one payment profile, as an input row names them. */
export type ProfileRow = { customerId: string; paymentProfileId: string };

/** A new customer with one profile, `profile` setting what it needs (its status, owner, site…). */
export function profileWith(sandbox: Sandbox, profile: NewProfile = {}): ProfileRow {
	return seedProfiles(sandbox, [profile])[0];
}

/** One new customer with `profiles` (that many READY ones, or one per entry): their rows, in order. */
export function seedProfiles(sandbox: Sandbox, profiles: number | NewProfile[], customer: NewCustomer = {}): ProfileRow[] {
	const { id } = sandbox.addCustomer(customer);
	const list = typeof profiles === 'number' ? Array.from({ length: profiles }, () => ({})) : profiles;
	return list.map((profile) => ({ customerId: id, paymentProfileId: sandbox.addProfile(id, profile).id }));
}

/** The query (limit, offset, filters) of every request the node sent, in order. */
export function pagesAsked(sandbox: Sandbox): Array<Record<string, string>> {
	return sandbox.requests.map((r) => Object.fromEntries(new URLSearchParams(r.rawQuery)));
}

export interface ProfileErrorCase {
	code: keyof typeof ERROR_CATALOGUE;
	/** Seeds what provokes it; the row to send. */
	make: (sandbox: Sandbox) => ProfileRow;
	/** The access token to send instead of the sandbox's. */
	token?: string;
}

/** The documented errors of every payment-profile endpoint, provoked the way Mercado Pago answers them. */
export const PROFILE_ERROR_CASES: ProfileErrorCase[] = [
	{ code: 'resource_not_found', make: (s) => ({ customerId: s.addCustomer({}).id, paymentProfileId: 'missing' }) },
	{
		code: 'customer_id_mismatch',
		make: (s) => ({ customerId: s.addCustomer({}).id, paymentProfileId: profileWith(s, {}).paymentProfileId }),
	},
	{ code: 'caller_id_mismatch', make: (s) => profileWith(s, { callerId: 'someone-else' }) },
	{ code: 'site_id_mismatch', make: (s) => profileWith(s, { siteId: 'MLA' }) },
	{ code: 'unauthorized_access_token', make: (s) => profileWith(s, {}), token: 'APP_USR-wrong-token' },
];
