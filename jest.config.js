/** Engine-level tests: the node runs inside n8n-core's WorkflowExecute against test/sandbox. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The slow lane (`npm run test:slow`): real-clock ratios, memory and real-socket checks.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/slow/'],
	// Transpile only: `npm test` type-checks every file once with tsc first, instead of ts-jest
	// type-checking each test file's whole import graph again in every worker.
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{ tsconfig: { ...require('./tsconfig.json').compilerOptions, types: ['node', 'jest'], isolatedModules: true } },
		],
	},
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	// Starts n8n's production expression engine when N8N_EXPRESSION_ENGINE=vm (npm run test:node24).
	setupFilesAfterEnv: ['<rootDir>/test/harness/expressionEngine.setup.ts'],
	testTimeout: 60000,
	// Both cores: much of the lane waits out retry pauses rather than computing, and no test's
	// outcome depends on how fast it runs (jest would take one worker on a 2-core machine).
	maxWorkers: 2,
};
