/**
 * `npm run test:1x`: the same engine-level suite against the last n8n 1.x engine pair
 * (n8n-core 1.122.48 + n8n-workflow 1.120.31, the n8n 1.123 app), installed from
 * test/1x/package-lock.json into .cache/n8n-1x by `node scripts/install n8n-1x`.
 *
 * Every require of n8n-core, n8n-workflow or @n8n/di (from the node, the harness and the
 * tests) is mapped to that folder; n8n-core's own requires resolve there naturally, so one
 * copy of n8n-workflow is loaded. Types still come from the 2.x pair in node_modules:
 * the package is compiled once and must run on both lines unchanged.
 */
const path = require('path');
const base = require('./jest.config');

const modules = path.join(__dirname, '.cache', 'n8n-1x', 'node_modules');

module.exports = {
	...base,
	// What touches n8n: the engine tests and the harness's own. Unit and sandbox tests do not
	// load n8n-core, so `npm test` covers them once.
	testMatch: ['<rootDir>/test/engine/**/*.test.ts', '<rootDir>/test/harness/**/*.test.ts'],
	moduleNameMapper: {
		'^(n8n-core|n8n-workflow|@n8n/di)((/.*)?)$': `${modules}/$1$2`,
	},
	setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/1x/setup.ts'],
};
