import { RANGES, readSettings } from '../../nodes/MercadoPago/actions/common.descriptions';

// Options typed or from expressions, clamped so that none can park a run, flood the account or overflow a timer.
describe('readSettings', () => {
	it('keeps values inside their ranges as they are', () => {
		expect(readSettings({ concurrency: 16, maxRetries: 5, timeout: 1_000, requestsPerSecond: 2.5, rateLimitWait: 90.5 })).toEqual({
			concurrency: 16,
			maxRetries: 5,
			timeoutMs: 1_000,
			requestsPerSecond: 2.5,
			rateLimitWaitMs: 90_500,
		});
	});

	it('clamps numbers and numeric text past either end', () => {
		expect(readSettings({ concurrency: 1e9, maxRetries: '1e9', timeout: 2 ** 40, requestsPerSecond: 1e-12, rateLimitWait: 1e12 })).toEqual({
			concurrency: RANGES.concurrency.max,
			maxRetries: RANGES.maxRetries.max,
			timeoutMs: RANGES.timeout.max,
			requestsPerSecond: RANGES.requestsPerSecond.min,
			rateLimitWaitMs: 86_400_000,
		});
		expect(readSettings({ concurrency: -3, maxRetries: -1, timeout: 0, requestsPerSecond: 1e9, rateLimitWait: -5 })).toEqual({
			concurrency: 1,
			maxRetries: 0,
			timeoutMs: 1,
			requestsPerSecond: RANGES.requestsPerSecond.max,
			rateLimitWaitMs: 0,
		});
	});

	it('anything that is not a finite number gives the default; 0 or less is no cap', () => {
		const defaults = { concurrency: 8, maxRetries: 3, timeoutMs: 30_000, requestsPerSecond: undefined, rateLimitWaitMs: 600_000 };
		expect(readSettings({})).toEqual(defaults);
		expect(readSettings({ concurrency: 'many', maxRetries: NaN, timeout: Infinity, requestsPerSecond: -1 })).toEqual(defaults);
		expect(readSettings({ concurrency: 2.9 }).concurrency).toBe(2);
	});
});
