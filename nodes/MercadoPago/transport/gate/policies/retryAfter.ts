import type { Answer, Policy, Verdict } from '../policy';

/** Retry-After counts whole seconds: one says only "soon" (a bucket's next token reads "1"), more names a time. */
const SOON_MS = 1_000;

/**
 * Retry-After: while the limiter refuses, nobody goes before the time its last 429 named, when
 * that time can be believed: before anything was accepted nothing contradicts it, and after that
 * a Retry-After of more than a second names a reopening (a window's reset). Once a request
 * sent at the named time is refused too, the header is only noise for this account: the
 * window policy's probes take over.
 */
export class RetryAfterPolicy implements Policy {
	private refusing = false;
	private anyAccepted = false;
	/** A request sent at the named time was refused: the header does not name reopenings here. */
	private proved = false;
	private advisedAt = -Infinity;
	private trustedAt = -Infinity;

	earliest(): number {
		return this.refusing ? this.trustedAt : -Infinity;
	}

	released(): void {}

	answered({ now, startedAt, ok, retryAfterMs }: Answer): Verdict {
		if (ok) {
			this.refusing = false;
			this.anyAccepted = true;
			this.advisedAt = -Infinity;
			return {};
		}
		this.refusing = true;
		// Sent at or after the time the advice named, with nothing accepted since: it was short.
		if (this.advisedAt > -Infinity && startedAt >= this.advisedAt) this.proved = true;
		if (retryAfterMs === undefined) return {};
		this.advisedAt = now + retryAfterMs;
		const believed = !this.proved && (!this.anyAccepted || retryAfterMs > SOON_MS);
		this.trustedAt = believed ? this.advisedAt : -Infinity;
		return {};
	}
}
