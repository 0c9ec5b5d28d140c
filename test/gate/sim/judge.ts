/** How a member's result is judged: its targets, and the hard limits CI holds (nothing lost or sent twice, within 2x of each target). */
import type { Member } from './family';
import type { Result } from './simulate';

export interface Verdict {
	wallRatio: number;
	share: number;
	/** Targets missed, in words; empty when all met. */
	missed: string[];
	/** What CI fails on: an item lost or sent twice, a member beyond twice a target. */
	broken: string[];
}

export function judge(member: Member, result: Result, unlimitedBurstMs: number): Verdict {
	const wallRatio = (member.wallOf?.(result) ?? result.wallMs) / member.ideal(result, unlimitedBurstMs);
	const share = result.requests === 0 ? 0 : result.throttled / result.requests;
	const missed: string[] = [];
	const broken: string[] = [];
	const notOk = result.failed + result.cancelled + result.lost;
	if (notOk > 0) missed.push(`${notOk} items not ok`);
	if (!(wallRatio <= member.wallTarget)) missed.push(`wall ${wallRatio.toFixed(2)}x > ${member.wallTarget}x`);
	if (share > member.maxShare) missed.push(`429 ${(100 * share).toFixed(1)} % > ${100 * member.maxShare} %`);
	if (result.lost > 0) broken.push(`${result.lost} items lost`);
	if (result.twice > 0) broken.push(`${result.twice} items sent twice`);
	if (!(wallRatio <= 2 * member.wallTarget)) broken.push(`wall beyond 2x its target`);
	if (share > 2 * member.maxShare) broken.push(`429 share beyond 2x its target`);
	return { wallRatio, share, missed, broken };
}
