/**
 * The node, the credential and package.json: n8n's own rules for community packages, the config of
 * n8n's node tooling (@n8n/node-cli) without the n8n Cloud rules, which ban timers and any import
 * but a few (undici and uuid among them): this package is for self-hosted n8n.
 *
 * Tests, the end-to-end scripts, the bench and the tools: eslint's and typescript-eslint's
 * recommended rules, for Node.
 */
import js from '@eslint/js';
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';

const NODE_CODE = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const TOOL_CODE = ['test/**/*.ts', 'bench/**/*.ts'];

/** node-cli's config is written for a repository holding nothing but nodes: keep its TypeScript rules to them. */
const n8nRules = configWithoutCloudSupport.map((entry) =>
	entry.files?.includes('**/*.ts') ? { ...entry, files: NODE_CODE } : entry,
);

export default defineConfig(
	globalIgnores(['dist/', 'coverage/', '.cache/', 'artifacts/']),
	...n8nRules,
	{
		files: ['package.json'],
		rules: {
			// A decided design: undici (bounded bodies, one timeout over the whole answer) and uuid.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		extends: [js.configs.recommended],
		languageOptions: { globals: globals.node },
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
	},
	{
		files: TOOL_CODE,
		extends: [js.configs.recommended, tsPlugin.configs['flat/recommended']],
		languageOptions: { globals: globals.node },
		rules: {
			// They load what is only found at run time: the compiled dist/, installs under .cache/.
			'@typescript-eslint/no-require-imports': 'off',
			// Fakes of n8n's interfaces keep the parameters they ignore, named _like_this.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['test/**/*.ts'],
		languageOptions: { globals: globals.jest },
		rules: {
			// Bodies of the sandbox's answers are untyped JSON, checked by jest's matchers.
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
);
