/**
 * The gate in the situations around the shapes, on the fake clock: windows of 10 s, a limit
 * that lifts or drops mid-run, 300 one-item executions started together (a CRM closing 300
 * tickets at once), 429s that come whatever the pace, and no limit at all (sim/situations.ts).
 */
import { SITUATIONS, UNLIMITED_BURST } from './sim/situations';
import { measure, missedTargets, printReport } from './sim/targets';
import { simulateAll, type Summary } from './sim/worker';

let outcomes: Summary[];
let unlimitedBurstMs: number;
beforeAll(async () => {
	const all = await simulateAll([UNLIMITED_BURST, ...SITUATIONS.map((c) => c.scenario)]);
	unlimitedBurstMs = all[0].wallMs;
	outcomes = all.slice(1);
}, 120_000);
afterAll(() => printReport('Windows of 10 s, limits that change, bursts of executions, no limit'));

test.each(SITUATIONS.map((c, index) => ({ ...c, index })))('$label', (situation) => {
	const outcome = outcomes[situation.index];
	const ideal = situation.ideal(outcome, unlimitedBurstMs);
	measure(situation.label, outcome, ideal, situation.wallOf?.(outcome));
	expect(missedTargets(outcome, ideal, situation)).toEqual([]);
});
