/**
 * jest `setupFilesAfterEnv`: with N8N_EXPRESSION_ENGINE=vm (as `npm run test:node24` sets it)
 * every test file runs its expressions in n8n's production engine. jest gives each test file
 * its own copy of n8n-workflow, hence one start and one dispose per file.
 * Without the variable nothing happens: the legacy engine, as on Node 20.
 */
import { requestedEngine, startExpressionEngine, stopExpressionEngine } from './expressionEngine';

if (requestedEngine() !== 'legacy') {
	beforeAll(async () => startExpressionEngine());
	afterAll(async () => stopExpressionEngine());
}
