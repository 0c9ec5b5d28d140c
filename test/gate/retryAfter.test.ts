/** The Retry-After policy (transport/gate/policies/retryAfter.ts), through the gate's public interface on the fake clock. */
import { GateHarness, RTT } from './harness';

/** A gate that has had requests accepted, then a limiter that refuses everything with `retryAfterMs`. */
async function refusingAfterWork(retryAfterMs: number) {
	const h = new GateHarness();
	for (let i = 0; i < 5; i++) await h.send(true);
	// Four requests on their way, all refused.
	const sent: number[] = [];
	for (let i = 0; i < 4; i++) sent.push(await h.turn());
	await h.advance(RTT);
	for (const at of sent) h.gate.throttled(at, retryAfterMs);
	return { h };
}

test('before anything was accepted, nobody goes before the time a 429 named', async () => {
	const h = new GateHarness();
	await h.send(false, 1_000);
	const next = await h.turn();
	expect(next).toBeGreaterThanOrEqual(RTT + 1_000);
});

test('a Retry-After of a few seconds names a reopening: while the limiter refuses, nobody goes before it', async () => {
	const { h } = await refusingAfterWork(8_000);
	const lastAnswer = h.clock.now();
	expect(await h.turn()).toBeGreaterThanOrEqual(lastAnswer + 8_000);
});

test('a Retry-After of a second or none says only "soon": the probes do not wait for it', async () => {
	const { h } = await refusingAfterWork(1_000);
	const lastAnswer = h.clock.now();
	expect(await h.turn()).toBeLessThan(lastAnswer + 1_000);
});

test('once a request sent at the named time is refused, the header is not believed for the account', async () => {
	const { h } = await refusingAfterWork(5_000);
	// The probe at the named time is refused with the same advice.
	const probe = await h.send(false, 5_000);
	const lastAnswer = h.clock.now();
	expect(probe).toBeGreaterThanOrEqual(lastAnswer - RTT - 1);
	expect(await h.turn()).toBeLessThan(lastAnswer + 5_000);
});
