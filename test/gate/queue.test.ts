/** The gate's queue (transport/gate/queue.ts): first come first served, one timer, a stop that ends only its own waiters. */
import { getEventListeners } from 'node:events';
import { GateHarness } from './harness';

test('first come, first served', async () => {
	const h = new GateHarness();
	const turns = Array.from({ length: 10 }, () => h.take());
	await h.advance(5_000);
	const order = turns.map((t, i) => ({ i, at: t.at! })).sort((a, b) => a.at - b.at || a.i - b.i);
	expect(order.map((o) => o.i)).toEqual(turns.map((_, i) => i));
	expect(new Set(turns.map((t) => t.at)).size).toBe(10);
});

test('a request the limiter refused goes ahead of those not yet sent, refused ones in their own order', async () => {
	const h = new GateHarness();
	h.take();
	const fresh = [h.take(), h.take()];
	const again = [h.take(undefined, true), h.take(undefined, true)];
	await h.advance(5_000);
	const at = (t: { at?: number }) => t.at!;
	expect(at(again[0])).toBeLessThan(at(again[1]));
	expect(at(again[1])).toBeLessThan(at(fresh[0]));
	expect(at(fresh[0])).toBeLessThan(at(fresh[1]));
});

test('a stop ends its own waiters at once, takes its listeners away, and leaves the others in order', async () => {
	const h = new GateHarness();
	const stop = new AbortController();
	h.take();
	const mine = [h.take(stop.signal), h.take(stop.signal)];
	const others = [h.take(), h.take()];
	await h.advance(1);
	stop.abort();
	await h.advance(0);
	expect(mine.every((t) => t.done && t.at === undefined)).toBe(true);
	expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
	await h.advance(5_000);
	expect(others[0].at!).toBeLessThan(others[1].at!);
});

test('hundreds of waiters cost one timer, and none is left when they are gone', async () => {
	const h = new GateHarness();
	const stop = new AbortController();
	for (let i = 0; i < 300; i++) h.take(stop.signal);
	await h.advance(10);
	expect(h.clock.live).toBe(1);
	stop.abort();
	await h.advance(0);
	expect(h.clock.live).toBe(0);
});
