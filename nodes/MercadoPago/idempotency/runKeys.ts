import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { PROBLEMS } from '../errors/problems';
import type { IdempotencyKeyMode } from './keyFields';
import { customKeyProblem, randomKey } from './keys';

export type KeyResult = { ok: true; key: string; mode: IdempotencyKeyMode } | { ok: false; problem: string };

/** Random keys live in the execution's node context, so n8n's "Retry On Fail" re-run reuses them. */
const RANDOM_KEYS = 'randomIdempotencyKeys';

/**
 * The keys of one run of the node. `target` names the request (method, path and body): a key
 * already used in this run for another target is refused, since Mercado Pago would answer
 * the second request with the first one's result. `derive` gives the Derived From IDs key.
 */
export class RunKeys {
	private readonly targets = new Map<string, string>();
	private randomStore: Record<string, string> | undefined;

	constructor(private readonly ctx: IExecuteFunctions) {}

	resolve(itemIndex: number, target: string, derive: () => string): KeyResult {
		const found = this.keyFor(itemIndex, target, derive);
		if (!found.ok) return found;
		const claimed = this.targets.get(found.key);
		if (claimed === undefined) this.targets.set(found.key, target);
		else if (claimed !== target) return { ok: false, problem: PROBLEMS.keyReused() };
		return found;
	}

	private keyFor(itemIndex: number, target: string, derive: () => string): KeyResult {
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
		return { ok: true, key: derive(), mode };
	}
}
