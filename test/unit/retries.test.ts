import { withRetries, type AttemptOutcome } from '../../nodes/MercadoPago/retry/withRetries';
import type { Clock } from '../../nodes/MercadoPago/shared/clock';

/** A clock whose every wait is cut short, as a stop (or a tripped breaker) cuts it. */
const interrupted: Clock = { now: () => 0, sleep: async () => false };
const options = { baseDelayMs: 500, maxDelayMs: 30_000, maxRetries: 3, maxWaitMs: 60_000, clock: interrupted };

describe('withRetries', () => {
	it('after a wait cut short, asks its caller once more, who answers without sending', async () => {
		const outcomes: Array<AttemptOutcome<string>> = [
			{ done: false, value: 'internal_server_error', retryable: true },
			{ done: false, value: 'cancelled', retryable: false },
		];
		const attempt = jest.fn(async () => outcomes.shift()!);
		expect(await withRetries(attempt, options)).toBe('cancelled');
		expect(attempt).toHaveBeenCalledTimes(2);
	});

	it('stops at Max Retries and on an outcome that is not retryable', async () => {
		const failing = jest.fn(async (): Promise<AttemptOutcome<string>> => ({ done: false, value: 'timeout', retryable: true }));
		expect(await withRetries(failing, options)).toBe('timeout');
		expect(failing).toHaveBeenCalledTimes(4);
		const refused = jest.fn(async (): Promise<AttemptOutcome<string>> => ({ done: false, value: 'not_found', retryable: false }));
		expect(await withRetries(refused, options)).toBe('not_found');
		expect(refused).toHaveBeenCalledTimes(1);
	});
});
