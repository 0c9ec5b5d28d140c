/**
 * jest setupFilesAfterEnv of jest.1x.config.js only (the n8n 1.x line).
 *
 * - Fails fast if the mapping to .cache/n8n-1x did not take (a 2.x run would pass
 *   silently and prove nothing). One copy of n8n-workflow is the harness's own check.
 * - 1.x n8n-core starts a 60 s SSH-clients cleanup timer when first loaded; shut it down
 *   after each test file so jest can exit.
 */
const EXPECTED = { 'n8n-core': '1.122.48', 'n8n-workflow': '1.120.31' } as const;

for (const [name, version] of Object.entries(EXPECTED)) {
	const actual = (require(`${name}/package.json`) as { version: string }).version;
	if (actual !== version) {
		throw new Error(`test:1x expects ${name}@${version} but loaded ${actual}: run 'node scripts/install n8n-1x'`);
	}
}

afterAll(() => {
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: any[]) => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
});
