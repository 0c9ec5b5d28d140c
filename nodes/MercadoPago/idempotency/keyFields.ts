import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { PROBLEMS } from '../errors/problems';
import { customKeyProblem, derivedKey, randomKey } from './keys';

/**
 * The idempotency key a write operation sends, as fields any write declares and one resolver.
 * Names are stored in workflows: never rename them.
 */
export type IdempotencyKeyMode = 'deterministic' | 'random' | 'custom';

export const idempotencyKeyFields: INodeProperties[] = [
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
					'The same IDs always give the same key, so re-running the workflow, a duplicated trigger or Retry On Fail never acts twice',
			},
			{
				name: 'Random per Execution',
				value: 'random',
				description:
					"A new key for each item in each execution, kept for that item's retries and for Retry On Fail; a new execution acts again",
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own key, usually an expression such as a ticket or row ID; the same key means the same request',
			},
		],
		description: 'Lets Mercado Pago recognise a repeated request so that it happens only once',
		hint: 'Keep Derived From IDs unless you know why not: it is the one that is safe for re-runs',
	},
	{
		displayName: 'Custom Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.ticketId }}',
		description: '1 to 64 visible ASCII characters (no spaces). The same key means the same request.',
		displayOptions: { show: { idempotencyKeyMode: ['custom'] } },
	},
];

export type KeyResult = { ok: true; key: string; mode: IdempotencyKeyMode } | { ok: false; problem: string };

/** Random keys live in the execution's node context, so n8n's "Retry On Fail" re-run reuses them. */
const RANDOM_KEYS = 'randomIdempotencyKeys';

/**
 * The keys of one run of the node. `target` names the request (method and path): a key
 * already used in this run for another target is refused, since Mercado Pago would answer
 * the second request with the first one's result.
 */
export class RunKeys {
	private readonly targets = new Map<string, string>();
	private randomStore: Record<string, string> | undefined;

	constructor(private readonly ctx: IExecuteFunctions) {}

	resolve(itemIndex: number, derivation: string, ids: readonly string[], target: string): KeyResult {
		const found = this.keyFor(itemIndex, derivation, ids, target);
		if (!found.ok) return found;
		const claimed = this.targets.get(found.key);
		if (claimed === undefined) this.targets.set(found.key, target);
		else if (claimed !== target) return { ok: false, problem: PROBLEMS.keyReused() };
		return found;
	}

	private keyFor(itemIndex: number, derivation: string, ids: readonly string[], target: string): KeyResult {
		const mode = this.ctx.getNodeParameter('idempotencyKeyMode', itemIndex, 'deterministic') as IdempotencyKeyMode;
		if (mode === 'random') {
			this.randomStore ??= ((this.ctx.getContext('node') as IDataObject)[RANDOM_KEYS] ??= {}) as Record<string, string>;
			const slot = `${itemIndex}:${target}`;
			return { ok: true, key: (this.randomStore[slot] ??= randomKey()), mode };
		}
		if (mode === 'custom') {
			const raw = this.ctx.getNodeParameter('idempotencyKey', itemIndex, '') as unknown;
			const custom = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
			const problem = customKeyProblem(custom);
			return problem === undefined ? { ok: true, key: custom, mode } : { ok: false, problem };
		}
		// An expression naming no mode is refused, not taken for the default.
		if (mode !== 'deterministic') return { ok: false, problem: PROBLEMS.keyModeUnknown(mode) };
		return { ok: true, key: derivedKey(derivation, ids), mode };
	}
}
