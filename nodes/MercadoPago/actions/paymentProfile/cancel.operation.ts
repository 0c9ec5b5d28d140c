import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import {
	customKeyProblem,
	deterministicCancelKey,
	randomKey,
	type IdempotencyKeyMode,
} from '../../idempotency/keys';
import type { MercadoPagoApi } from '../../transport/api';
import { requestOptions } from '../common.descriptions';
import { customerLocator, paymentProfileLocator, readId } from '../locators';
import { apiFailure, invalidInput } from '../outcomes';
import type { ItemOutcome } from '../types';

const properties: INodeProperties[] = [
	customerLocator,
	paymentProfileLocator,
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKeyMode',
		type: 'options',
		default: 'deterministic',
		options: [
			{
				name: 'Derived From IDs (Safe to Re-Run)',
				value: 'deterministic',
				description:
					'The same customer and profile always give the same key, so re-running the workflow or a duplicated trigger never acts twice',
			},
			{
				name: 'Random per Execution',
				value: 'random',
				description: 'A new key for each item in each execution; kept for that item\'s retries',
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own key, usually an expression such as a ticket or row ID',
			},
		],
		description: 'Lets Mercado Pago recognise a repeated request so the cancellation happens only once',
		hint: 'Derived From IDs is safe for re-runs, duplicated triggers and Retry On Fail: the same IDs always send the same key. Random per Execution protects only the retries inside one execution. Custom protects whatever your value identifies.',
	},
	{
		displayName: 'Custom Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.ticketId }}',
		description: '1 to 64 visible ASCII characters (no spaces). The same key means the same cancellation.',
		displayOptions: { show: { idempotencyKeyMode: ['custom'] } },
	},
	requestOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['paymentProfile'], operation: ['cancel'] } },
	properties,
);

/** Random keys live in the execution's node context, so n8n's "Retry On Fail" re-run reuses them. */
const RANDOM_KEYS = 'randomIdempotencyKeys';

export async function execute(this: IExecuteFunctions, itemIndex: number, api: MercadoPagoApi): Promise<ItemOutcome> {
	const customer = readId.call(this, 'customerId', itemIndex);
	const profile = readId.call(this, 'paymentProfileId', itemIndex);
	const ids = { customerId: customer.ok ? customer.id : null, paymentProfileId: profile.ok ? profile.id : null };
	if (!customer.ok) return invalidInput(customer.problem, { ...ids, idempotencyKey: null });
	if (!profile.ok) return invalidInput(profile.problem, { ...ids, idempotencyKey: null });
	const key = idempotencyKey.call(this, itemIndex, customer.id, profile.id);
	const context: IDataObject = {
		customerId: customer.id,
		paymentProfileId: profile.id,
		idempotencyKey: key.ok ? key.key : null,
	};
	if (!key.ok) return invalidInput(key.problem, context);

	const result = await api.call({
		method: 'POST',
		path: ['v1', 'customers', customer.id, 'payment-profiles', profile.id, 'cancel'],
		idempotencyKey: key.key,
	});
	if (!result.ok) return apiFailure(result, context);
	return { ok: true, json: [{ success: true, ...context, status: 'CANCELLED', attempts: result.attempts }] };
}

type KeyResult = { ok: true; key: string } | { ok: false; problem: string };

function idempotencyKey(this: IExecuteFunctions, itemIndex: number, customerId: string, profileId: string): KeyResult {
	const mode = this.getNodeParameter('idempotencyKeyMode', itemIndex, 'deterministic') as IdempotencyKeyMode;
	if (mode === 'deterministic') return { ok: true, key: deterministicCancelKey(customerId, profileId) };
	if (mode === 'random') {
		const store = this.getContext('node');
		const keys = (store[RANDOM_KEYS] ??= {}) as Record<string, string>;
		const slot = `${itemIndex}:${customerId}:${profileId}`;
		return { ok: true, key: (keys[slot] ??= randomKey()) };
	}
	const raw = this.getNodeParameter('idempotencyKey', itemIndex, '') as unknown;
	const custom = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
	const problem = customKeyProblem(custom);
	return problem === undefined ? { ok: true, key: custom } : { ok: false, problem };
}
