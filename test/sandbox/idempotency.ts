/**
 * X-Idempotency-Key bookkeeping: one record per key, holding the request it was first used
 * for and, once that request completed, its answer.
 */
import type { Reply } from './types';

interface StoredReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface KeyRecord {
	/** method + raw path of the first request that used the key. */
	fingerprint: string;
	/** undefined while that request is in flight. */
	result?: StoredReply;
}

export type Claim =
	| { kind: 'fresh'; record: KeyRecord }
	| { kind: 'inFlight' }
	| { kind: 'mismatch' }
	| { kind: 'replay'; result: StoredReply };

/**
 * Only definitive answers are stored: 2xx and 4xx. A 5xx or 429 means "try again", so
 * keeping it would turn a transient failure into a permanent one.
 */
function isStorable(status: number): boolean {
	return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);
}

export class IdempotencyStore {
	private readonly records = new Map<string, KeyRecord>();

	claim(key: string, fingerprint: string): Claim {
		const existing = this.records.get(key);
		if (!existing) {
			const record: KeyRecord = { fingerprint };
			this.records.set(key, record);
			return { kind: 'fresh', record };
		}
		// A different request is an error even while the first one runs: retrying will not help.
		if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
		if (!existing.result) return { kind: 'inFlight' };
		return { kind: 'replay', result: existing.result };
	}

	/** Completes a fresh claim with its answer. */
	settle(key: string, record: KeyRecord, reply: Reply): void {
		// reset() may have dropped the record while the request was in flight: forget it.
		if (this.records.get(key) !== record) return;
		if (isStorable(reply.status)) record.result = { status: reply.status, body: reply.body, headers: reply.headers };
		else this.records.delete(key);
	}

	clear(): void {
		this.records.clear();
	}
}
