/**
 * The system clock: waits Node can time, and a stop that ends them without leaving listeners.
 * No time bound: Node fires timers in the order they fall due, so a wait is compared with a
 * timer set beside it.
 */
import { getEventListeners } from 'node:events';
import { MAX_TIMER_MS, systemClock } from '../../nodes/MercadoPago/shared/clock';

/** Which settles first: the wait, or a plain timer of `ms` set at the same time. */
function firstOf(wait: Promise<boolean>, ms: number): Promise<'wait' | 'timer'> {
	return Promise.race([wait.then(() => 'wait' as const), new Promise<'timer'>((resolve) => setTimeout(() => resolve('timer'), ms))]);
}

test('a wait longer than a timer can hold does not fire at once', async () => {
	for (const ms of [2 ** 40, Infinity]) {
		const stop = new AbortController();
		const waited = systemClock.sleep(ms, stop.signal);
		// Node would fire an overflowing timer after 1 ms, before this 5 ms one.
		expect(await firstOf(waited, 5)).toBe('timer');
		stop.abort();
		expect(await waited).toBe(false);
	}
	expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
});

test('a negative or unreadable wait is no wait', async () => {
	for (const ms of [-5, Number.NaN, -Infinity]) {
		const waited = systemClock.sleep(ms);
		expect(await firstOf(waited, 5)).toBe('wait');
		expect(await waited).toBe(true);
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
