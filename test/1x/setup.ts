/**
 * jest setupFilesAfterEnv of jest.1x.config.js only (the n8n 1.x line).
 *
 * - Fails fast if the mapping to .cache/n8n-1x did not take (a 2.x run would pass
 *   silently and prove nothing) or if n8n-core would load a second n8n-workflow.
 * - 1.x n8n-core starts a 60 s SSH-clients cleanup timer when first loaded; shut it down
 *   after each test file so jest can exit.
 */
import { createRequire } from 'module';
import * as path from 'path';

const EXPECTED = { 'n8n-core': '1.122.48', 'n8n-workflow': '1.120.31' } as const;

for (const [name, version] of Object.entries(EXPECTED)) {
	const actual = (require(`${name}/package.json`) as { version: string }).version;
	if (actual !== version) {
		throw new Error(`test:1x expects ${name}@${version} but loaded ${actual}: run 'node scripts/install n8n-1x'`);
	}
}

// Node's own resolution from inside n8n-core must land on the n8n-workflow jest maps to.
const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const fromCore = createRequire(path.join(coreDir, 'package.json')).resolve('n8n-workflow');
const mapped = require.resolve('n8n-workflow');
if (fromCore !== mapped) {
	throw new Error(`Two copies of n8n-workflow on the 1.x line:\n  mapped:   ${mapped}\n  n8n-core: ${fromCore}`);
}

afterAll(() => {
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: any[]) => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
});
