/**
 * `npm run test:slow`: what `npm test` must not hold because it depends on the machine: real-clock
 * times, memory and real sockets. Each check asserts a ratio measured within one run (the node
 * against a bare client, one half of a run against the other), never an absolute time.
 */
const base = require('./jest.config');

module.exports = {
	...base,
	testPathIgnorePatterns: ['/node_modules/'],
	roots: ['<rootDir>/test/slow'],
	// One file at a time: two measuring at once on two cores would measure each other.
	maxWorkers: 1,
	testTimeout: 300000,
};
