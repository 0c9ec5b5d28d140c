/**
 * The engine a run uses is the one asked for: `npm run test:node24` must really exercise
 * isolated-vm, not fall back to the legacy engine without anyone noticing.
 */
import { activeExpressionEngine, requestedEngine } from './expressionEngine';

it(`expressions run in the requested engine (${requestedEngine()})`, () => {
	expect(activeExpressionEngine()).toBe(requestedEngine());
});
