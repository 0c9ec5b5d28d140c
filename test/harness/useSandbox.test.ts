import { useSandbox } from './useSandbox';

// The second test checks what the first one left behind: that is the point here.
describe('useSandbox', () => {
	const sandbox = useSandbox({ latencyMs: 1 });

	it('a test may change the sandbox as it needs', () => {
		sandbox().latencyMs = 500;
		sandbox().rateLimit = { rps: 1 };
		sandbox().inject({ kind: 'reset' });
	});

	it('the next test gets it back as it started', () => {
		expect(sandbox().latencyMs).toBe(1);
		expect(sandbox().rateLimit).toBeUndefined();
		expect(sandbox().pendingFaults).toBe(0);
	});
});
