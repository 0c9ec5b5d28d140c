/**
 * The sandbox's real-time delays (latencyMs, the 'slow' fault), which npm test never waits on:
 * each is set to many times what a plain answer takes on this machine in this run, and must
 * delay its answer by at least that much while the request's key stays in flight.
 */
import { randomUUID } from 'node:crypto';
import { useSandbox } from '../harness/useSandbox';

const sb = useSandbox();

/** Cancels a new profile with `key`; how long the answer took, in ms. */
async function timedCancel(key: string, ids = newProfile()): Promise<{ status: number; ms: number }> {
	const started = performance.now();
	const res = await fetch(`${sb().url}/v1/customers/${ids.c}/payment-profiles/${ids.p}/cancel`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sb().token}`, 'X-Idempotency-Key': key },
	});
	await res.arrayBuffer();
	return { status: res.status, ms: performance.now() - started };
}

function newProfile() {
	const c = sb().addCustomer().id;
	return { c, p: sb().addProfile(c).id };
}

/** What a plain answer takes now: the slowest of a few, so a delay of 20 times it is no accident. */
async function plainMs(): Promise<number> {
	let slowest = 0;
	for (let i = 0; i < 5; i++) slowest = Math.max(slowest, (await timedCancel(randomUUID())).ms);
	return slowest;
}

describe.each([
	['latencyMs', (ms: number) => (sb().latencyMs = ms)],
	["a 'slow' fault", (ms: number) => sb().inject({ kind: 'slow', ms })],
])('%s', (_name, delay) => {
	it('delays the answer by its milliseconds, and the key stays in flight meanwhile', async () => {
		const ms = Math.max(200, 20 * (await plainMs()));
		const ids = newProfile();
		const key = randomUUID();
		const requestsBefore = sb().requests.length;
		delay(ms);
		const delayed = timedCancel(key, ids);
		await sb().received(requestsBefore + 1);
		sb().latencyMs = 0;
		expect((await timedCancel(key, ids)).status).toBe(409);
		const answer = await delayed;
		expect(answer.status).toBe(204);
		// A timer never fires early; the 1 ms is the clocks' rounding.
		expect(answer.ms).toBeGreaterThanOrEqual(ms - 1);
	});
});
