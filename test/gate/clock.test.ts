/** The system clock: waits Node can time, and a stop that ends them without leaving listeners. */
import { getEventListeners } from 'node:events';
import { MAX_TIMER_MS, systemClock } from '../../nodes/MercadoPago/shared/clock';

test('a wait longer than a timer can hold does not fire at once', async () => {
	for (const ms of [2 ** 40, Infinity]) {
		const stop = new AbortController();
		const waited = systemClock.sleep(ms, stop.signal);
		const early = await Promise.race([waited, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 30))]);
		stop.abort();
		expect(early).toBe('still waiting');
		expect(await waited).toBe(false);
	}
	expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
});

test('a negative or unreadable wait is no wait', async () => {
	for (const ms of [-5, Number.NaN, -Infinity]) {
		const started = performance.now();
		expect(await systemClock.sleep(ms)).toBe(true);
		expect(performance.now() - started).toBeLessThan(1_000);
	}
});

test('a stop ends the wait with false; a finished wait takes its listener away', async () => {
	const stop = new AbortController();
	expect(await systemClock.sleep(1, stop.signal)).toBe(true);
	expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
	const waiting = systemClock.sleep(60_000, stop.signal);
	stop.abort();
	expect(await waiting).toBe(false);
	expect(await systemClock.sleep(10, stop.signal)).toBe(false);
});
