import type { Answer, Policy, Verdict } from '../policy';
import { RING as SAMPLE } from '../pace';

/**
 * Lone 429s in each of two samples that are no accident, and as many in a row as the background
 * may account for: fewer mistakes chance for a background, more lets a limiter's 429s through unheard.
 */
const NOT_CHANCE = 2;

/**
 * 429s whatever the pace (a flaky gateway, another app spending the account): cutting the pace
 * for each of them would take it to the floor. A limiter refuses nothing sent below the pace
 * its last 429 came at (unless its limit fell, which brings 429s in a row), so the share of lone
 * 429s among answers sent below it, sample after sample, is the background. Each answer then
 * earns that share of a lone 429 the pace does not hear, two at most in a row; when the
 * gateway heals, two samples without any take it away.
 */
export class BackgroundPolicy implements Policy {
	private previousOk = true;
	private answers = 0;
	private lone = 0;
	private lastLone = 0;
	/** The share of 429s that comes whatever the pace; 0 while none is known. */
	private background = 0;
	/** 429s the background accounts for now. */
	private credit = 0;

	earliest(): number {
		return -Infinity;
	}

	released(): void {}

	answered({ ok, underCeiling }: Answer): Verdict {
		const lone = !ok && this.previousOk;
		this.previousOk = ok;
		this.credit = Math.min(NOT_CHANCE, this.credit + this.background);
		let found = false;
		if (underCeiling) {
			this.answers++;
			this.lone += Number(lone);
			if (this.answers === SAMPLE) found = this.closeSample();
		}
		// The cuts the background caused were for nothing: the pace starts again (TCP's undo of
		// a spurious cut), and now hears only the 429s beyond the background.
		if (found) return { restart: true, claimed: lone };
		if (!lone || this.credit < 1) return {};
		this.credit--;
		return { claimed: true };
	}

	/** Closes a sample; true when it found a background where none was known. */
	private closeSample(): boolean {
		const known = this.background > 0;
		// Lone 429s in two samples in a row are the background (a cut that fell short leaves
		// them in one), at their share; two samples in a row without any say it healed.
		if (Math.min(this.lone, this.lastLone) >= NOT_CHANCE) this.background = (this.lone + this.lastLone) / (2 * SAMPLE);
		else if (this.lone + this.lastLone === 0) this.background = 0;
		this.lastLone = this.lone;
		this.answers = this.lone = 0;
		return !known && this.background > 0;
	}
}
