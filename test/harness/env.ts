/**
 * Environment for n8n-core in tests. Must run BEFORE n8n-core is first required
 * (n8n-core reads its config when its modules load).
 *
 * Use it as a jest `setupFiles` entry: '<rootDir>/test/harness/env.ts'.
 * harness.ts also imports it first, so it works without setupFiles as long as
 * nothing required n8n-core earlier in the same test file.
 *
 * - N8N_USER_FOLDER -> a folder of our own under the OS temp dir, one per jest worker
 *   (n8n-core writes $N8N_USER_FOLDER/.n8n/config there). It is reused between runs
 *   rather than deleted: jest gives each test file its own `process` object, so an
 *   'exit' handler registered here never fires.
 * - N8N_LOG_LEVEL=silent keeps n8n's logger off stdout.
 * Values already set in the environment are kept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (!process.env.N8N_USER_FOLDER) {
	const uid = typeof process.getuid === 'function' ? process.getuid() : 'u';
	const worker = process.env.JEST_WORKER_ID ?? '0';
	const dir = path.join(os.tmpdir(), 'n8n-nodes-mercadopago-jest', `${uid}-w${worker}`);
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED ??= 'false';

export {};
