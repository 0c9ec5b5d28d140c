/**
 * The 429 path (transport/throughGate.ts): a refused request goes back to the gate and is sent
 * again, costing no retry, until an answer other than 429 or the Rate Limit Wait runs out; the
 * execution's stop ends it at once. On the fake clock, with the real gate and bound on requests in flight.
 */
import { getEventListeners } from 'node:events';
import { Slots } from '../../nodes/MercadoPago/transport/accounts';
import type { HttpOutcome } from '../../nodes/MercadoPago/transport/client';
import { RateGate } from '../../nodes/MercadoPago/transport/gate';
import { sendThroughGate } from '../../nodes/MercadoPago/transport/throughGate';
import { FakeClock } from './sim/fakeClock';

const refused = (retryAfter?: string): HttpOutcome => ({ kind: 'response', status: 429, body: undefined, tooDeep: false, retryAfter });
const done: HttpOutcome = { kind: 'response', status: 204, body: undefined, tooDeep: false };

function account(clock: FakeClock) {
	return { gate: new RateGate({ clock }), slots: new Slots(16) };
}

/** A server that answers 429 `times` times, then 204, each after 25 ms. */
function server(clock: FakeClock, times: number, retryAfter?: string) {
	let calls = 0;
	const send = async () => {
		await clock.sleep(25);
		return calls++ < times ? refused(retryAfter) : done;
	};
	return { send, calls: () => calls };
}

async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
	let result: T | undefined;
	let settled = false;
	void promise.then((r) => {
		result = r;
		settled = true;
	});
	await clock.runWhile(() => !settled);
	return result!;
}

test('a 429 goes back to the gate and the same request is sent again until it is answered otherwise', async () => {
	const clock = new FakeClock();
	const mp = server(clock, 5, '0');
	const result = await settle(clock, sendThroughGate(account(clock), mp.send, { waitMs: 600_000, clock }));
	expect(result).toEqual({ outcome: done, sent: 6 });
});

test('once the Rate Limit Wait has passed since its first 429, the last 429 stands', async () => {
	const clock = new FakeClock();
	const mp = server(clock, Infinity, '1');
	const result = await settle(clock, sendThroughGate(account(clock), mp.send, { waitMs: 10_000, clock }));
	expect(result.outcome).toEqual(refused('1'));
	expect(result.sent).toBe(mp.calls());
	expect(clock.now()).toBeGreaterThanOrEqual(10_000);
	expect(clock.now()).toBeLessThan(12_000);
	// Waiting for the gate counts too: no request is left waiting when the time is up.
	expect(clock.live).toBe(0);
});

test('a Rate Limit Wait of 0 ends it at the first 429', async () => {
	const clock = new FakeClock();
	const mp = server(clock, Infinity);
	const result = await settle(clock, sendThroughGate(account(clock), mp.send, { waitMs: 0, clock }));
	expect(result).toEqual({ outcome: refused(), sent: 1 });
});

test('the stop ends a wait after a 429 at once, as cancelled, and leaves no listener behind', async () => {
	const clock = new FakeClock();
	const stop = new AbortController();
	// Retry-After of an hour before anything was accepted: the gate waits as told.
	const mp = server(clock, Infinity, '3600');
	const running = sendThroughGate(account(clock), mp.send, { waitMs: 600_000, clock, signal: stop.signal });
	void clock.sleep(5_000).then(() => stop.abort());
	const result = await settle(clock, running);
	expect(result).toEqual({ outcome: { kind: 'cancelled' }, sent: 1 });
	expect(clock.now()).toBe(5_000);
	expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
});

test('a refused request goes ahead of requests not yet sent', async () => {
	const clock = new FakeClock();
	const shared = account(clock);
	const order: string[] = [];
	let first = true;
	const send = (name: string) => async () => {
		order.push(name);
		await clock.sleep(25);
		if (name === 'a' && first) {
			first = false;
			return refused('0');
		}
		return done;
	};
	const a = sendThroughGate(shared, send('a'), { waitMs: 600_000, clock });
	await clock.run(1);
	const others = ['b', 'c', 'd'].map((name) => sendThroughGate(shared, send(name), { waitMs: 600_000, clock }));
	await settle(clock, Promise.all([a, ...others]));
	// After its 429 came back, 'a' went before whoever was still waiting.
	expect(order[0]).toBe('a');
	expect(order.indexOf('a', 1)).toBeLessThan(order.indexOf('d'));
});
