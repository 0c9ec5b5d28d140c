/**
 * The CRM burst: a CRM or help desk that closes 300 tickets at once fires 300 webhooks, 300
 * one-item executions in one n8n process, all at the same time.
 */
import type { ExpressionEngine } from '../../test/harness/expressionEngine';
import type { RateLimitOptions } from '../../test/sandbox/types';
import type { Measurement } from '../measure';
import { median, ratio, seconds } from '../stats';
import { burstOf, httpRequest, mercadoPago, type Subject } from '../subjects';
import { repeat, type Context, type Section, type Target } from './common';

const EXECUTIONS = 300;
const LATENCY_MS = 25;
const LIMIT: RateLimitOptions = { rps: 100, shape: 'bucket', burst: 10 };
/** The burst cannot end before EXECUTIONS / rps, nor before it would with no limit. */
const FLOOR_MS = (EXECUTIONS / LIMIT.rps) * 1000;
const MAX_RATIO = 1.3;
const MAX_CONNECTIONS = 16;

interface Pass {
	engine: ExpressionEngine;
	subject: Subject;
	runs: number;
	judged: boolean;
}

function typicalOf(runs: Measurement[]): Measurement {
	return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
}

export async function burst(ctx: Context): Promise<Section> {
	const { nodesBase } = ctx;
	const mine = burstOf(mercadoPago('', {}), 'Mercado Pago, defaults');
	const plain = burstOf(httpRequest(nodesBase, ''), 'HTTP Request, defaults');
	const retrying = burstOf(
		httpRequest(nodesBase, '', { settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 } }),
		'HTTP Request, Retry On Fail (3 tries, 1000 ms; On Error: stop)',
	);
	const passes: Pass[] = [
		{ engine: 'legacy', subject: mine, runs: 3, judged: true },
		{ engine: 'legacy', subject: plain, runs: 1, judged: false },
		{ engine: 'legacy', subject: retrying, runs: 1, judged: false },
	];
	const table = [
		[
			'expression engine', 'configuration', 'limit', 'succeeded', 'wall (median)', 'wall / reference', 'requests sent',
			'429 answers', 'connections opened', 'most in flight', 'cancelled twice', 'CPU per execution',
		],
	];
	const targets: Target[] = [];
	for (const { engine, subject, runs, judged } of passes) {
		await ctx.useEngine(engine);
		await ctx.sandbox.configure(LATENCY_MS);
		const free = await repeat(ctx, subject, EXECUTIONS, runs);
		await ctx.sandbox.configure(LATENCY_MS, LIMIT);
		const limited = await repeat(ctx, subject, EXECUTIONS, runs);
		const freeWall = median(free.map((m) => m.wallMs));
		const reference = Math.max(FLOOR_MS, freeWall);
		const limitedWall = median(limited.map((m) => m.wallMs));
		const row = (limit: string, all: Measurement[], wall: number, against: string) => {
			const m = typicalOf(all);
			table.push([
				engine,
				subject.label,
				limit,
				String(m.server.cancelled),
				seconds(wall),
				against,
				String(m.server.requests),
				String(m.server.statuses['429'] ?? 0),
				String(m.server.connectionsOpened),
				String(m.server.peakInFlight),
				String(m.server.doubleCancels),
				`${median(all.map((r) => r.cpuMs / EXECUTIONS)).toFixed(1)} ms`,
			]);
		};
		row('none', free, freeWall, '');
		row('100 req/s, burst 10', limited, limitedWall, `${ratio(limitedWall, reference)} of ${seconds(reference)}`);
		if (!judged) continue;
		const worstOk = Math.min(...limited.map((m) => m.server.cancelled));
		const worstConnections = Math.max(...free.map((m) => m.server.connectionsOpened));
		targets.push(
			{
				goal: `CRM burst, ${subject.label}: all ${EXECUTIONS} succeed within ${MAX_RATIO}x of the larger of ${seconds(FLOOR_MS)} and the burst with no limit`,
				measured: `${worstOk}/${EXECUTIONS} in the worst of ${runs} runs, ${ratio(limitedWall, reference)} of ${seconds(reference)}`,
				met: worstOk === EXECUTIONS && limitedWall <= MAX_RATIO * reference,
			},
			{
				goal: `CRM burst with no limit, ${subject.label}: at most ${MAX_CONNECTIONS} connections opened`,
				measured: `${worstConnections} in the worst of ${runs} runs`,
				met: worstConnections <= MAX_CONNECTIONS,
			},
		);
	}
	return {
		title: `The CRM burst: ${EXECUTIONS} one-item executions started together in one process`,
		notes: [
			`${EXECUTIONS} executions of one item each (Payment Profile > Cancel), started in the same tick in this process (Promise.all of ${EXECUTIONS} engine runs), as ${EXECUTIONS} webhooks would start them. Answers wait ${LATENCY_MS} ms; the limit is the sandbox's token bucket, 100 requests/s with bursts of 10, 429 with Retry-After: 1 beyond.`,
			`"wall / reference" is the limited burst's wall time over the larger of ${seconds(FLOOR_MS)} (${EXECUTIONS} requests at 100 per second) and the same configuration's burst with no limit. "connections opened" are the TCP connections the server accepted during the run: the node shares one pool per account per process, the HTTP Request node opens one per request in flight. The row shows the median wall time and the other columns of the run with the median wall time; CPU per execution is this process's CPU over the run divided by ${EXECUTIONS}.`,
			`The burst runs with n8n's legacy expression engine (n8n 1.x, and 2.x with N8N_EXPRESSION_ENGINE=legacy). With 2.x's default vm engine n8n-core acquires an isolate for every execution, and ${EXECUTIONS} executions at once are then bound by that CPU, for any node, not by the limit; that run takes minutes, so it is left out.`,
		],
		table,
		targets,
	};
}
