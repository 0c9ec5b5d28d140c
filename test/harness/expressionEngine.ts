/**
 * n8n's expression engine for tests and the benchmark.
 *
 * Production n8n evaluates expressions in isolated-vm (the "vm" engine, N8N_EXPRESSION_ENGINE's
 * default in @n8n/config) and that is where most per-item CPU goes. Without
 * `Expression.initExpressionEngine(...)` n8n-workflow falls back to its legacy in-process
 * engine, which is what plain `npm test` on Node 20 uses (isolated-vm needs Node 24).
 *
 * The options are n8n's defaults from @n8n/config's ExpressionEngineConfig (2.41), so the
 * engine behaves as in an out-of-the-box n8n: one pooled isolate, 5 s timeout, 128 MB.
 */
import { Expression } from 'n8n-workflow';

export type ExpressionEngine = 'legacy' | 'vm' | 'quickjs';

/** The engine asked for by N8N_EXPRESSION_ENGINE (n8n's own variable), default legacy. */
export function requestedEngine(env: NodeJS.ProcessEnv = process.env): ExpressionEngine {
	const value = env.N8N_EXPRESSION_ENGINE ?? 'legacy';
	if (value !== 'legacy' && value !== 'vm' && value !== 'quickjs') {
		throw new Error(`N8N_EXPRESSION_ENGINE must be legacy, vm or quickjs (got "${value}")`);
	}
	return value;
}

/** Starts the engine and checks that n8n-workflow really uses it (a failed start would fall back silently). */
export async function startExpressionEngine(engine: ExpressionEngine = requestedEngine()): Promise<void> {
	if (engine === 'legacy') return;
	await Expression.initExpressionEngine({
		engine,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
		poolSize: 1,
		maxCodeCacheSize: 1024,
		lazyAcquire: false,
		compileCache: false,
	});
	const active = Expression.getActiveImplementation();
	if (active !== engine) throw new Error(`Expression engine ${engine} requested, but n8n-workflow uses ${active}`);
}

/** Disposes the isolates so nothing keeps the process (or a jest worker) alive. */
export async function stopExpressionEngine(): Promise<void> {
	await Expression.disposeExpressionEngine();
}

export function activeExpressionEngine(): ExpressionEngine {
	return Expression.getActiveImplementation();
}
