/**
 * `npm run dev`: the real n8n 2.41.1 with this package installed as a community package,
 * the loopback Mercado Pago sandbox seeded with the examples' customers, the examples and a
 * credential pointing at the sandbox imported, and an owner account ready. Prints where to
 * sign in and what to type. Ctrl-C stops everything.
 *
 * The user folder (.cache/dev/n8n-home) is made anew on each start, so the package you just
 * built is the one loaded. Ports: N8N_PORT (default 5678) and SANDBOX_PORT (default 9400).
 */
import { join } from 'node:path';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
	CREDENTIAL_NAME,
	EXAMPLES,
	OWNER,
	ROOT,
	WEBHOOK_SECRET,
	activateWorkflow,
	assertInstalled,
	freePort,
	freshDir,
	n8nCli,
	n8nEnv,
	packAndInstall,
	productionUrl,
	sandboxModule,
	setupOwner,
	startN8n,
	stopN8n,
	waitUntilRegistered,
	writeCredentialFile,
} from './lib.mjs';
import { NOTIFICATIONS, SEED, SUBSCRIPTIONS, seedSandbox } from './seed.mjs';

const WORK = join(ROOT, '.cache', 'dev');
const home = join(WORK, 'n8n-home');
const port = Number(process.env.N8N_PORT ?? 5678);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 9400);

async function main() {
	assertInstalled();
	freshDir(WORK);
	const { startSandbox } = sandboxModule();
	const sandbox = await startSandbox({ port: sandboxPort, latencyMs: 50 });
	seedSandbox(sandbox);
	const env = n8nEnv({ home, port, brokerPort: await freePort() });

	console.log('Installing the packed package into the dev n8n user folder…');
	const { tarball } = await packAndInstall(home);
	const credentialFile = writeCredentialFile(WORK, { baseUrl: sandbox.url, accessToken: sandbox.token });
	await n8nCli(env, ['import:credentials', `--input=${credentialFile}`]);
	const workflowsDir = join(WORK, 'workflows');
	mkdirSync(workflowsDir, { recursive: true });
	for (const file of Object.values(EXAMPLES)) {
		copyFileSync(file, join(workflowsDir, file.split('/').pop()));
	}
	await n8nCli(env, ['import:workflow', '--separate', `--input=${workflowsDir}`]);

	console.log('Starting n8n…');
	const server = await startN8n(env, { logFile: join(WORK, 'n8n.log') });
	const cookie = await setupOwner(server.url);
	// The trigger examples are published, so their Production URLs take notifications (e2e/notify.mjs).
	const urls = {};
	for (const example of ['dunning', 'payerCancelled']) {
		const workflow = JSON.parse(readFileSync(EXAMPLES[example], 'utf8'));
		await activateWorkflow(server.url, cookie, workflow.id);
		urls[example] = productionUrl(server.url, workflow);
		await waitUntilRegistered(urls[example]);
	}
	writeFileSync(join(WORK, 'notify.json'), JSON.stringify({ secret: WEBHOOK_SECRET, urls }, null, 2));

	const customers = SEED.map(
		({ customer, profiles }) =>
			`    ${customer.id} (${customer.email}): ${profiles.map((p) => `${p.id} ${p.description}`).join('; ')}`,
	).join('\n');
	const subscriptions = SUBSCRIPTIONS.map((s) => `    ${s.id} (${s.payer_email}): ${s.reason}, ${s.status}`).join('\n');
	console.log(`
n8n 2.41.1 is running with ${tarball.split('/').pop()} installed as a community package.

  Open        ${server.url}
  Sign in     ${OWNER.email} / ${OWNER.password}

  Credential "${CREDENTIAL_NAME}" (Mercado Pago API) is already there; to make another:
    Access Token      ${sandbox.token}
    Base URL          ${sandbox.url}
    Secret Signature  ${WEBHOOK_SECRET}

  Workflows: the examples in examples/ (Overview > Workflows).
  Sandbox customers and payment profiles (any other id answers 404):
${customers}
  Sandbox subscriptions (preapproval; any other id answers 404):
${subscriptions}

  The trigger examples are published; send them a signed notification from another terminal:
${Object.entries(NOTIFICATIONS)
	.map(([name, n]) => `    node e2e/notify.mjs ${name.padEnd(16)} # ${n.type} ${n.dataId}`)
	.join('\n')}
    node e2e/notify.mjs forged third-rejection   # signed with another secret: 401, nothing starts
  Their executions are under Overview > Executions. Production URLs:
    ${Object.values(urls).join('\n    ')}

  n8n's log: ${join(WORK, 'n8n.log')}
  Ctrl-C stops n8n and the sandbox. Rebuild and re-run \`npm run dev\` to load a change.
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping…');
		await stopN8n(server.child);
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.child.on('exit', async (code) => {
		if (stopping) return;
		console.error(`n8n exited (${code}); see ${join(WORK, 'n8n.log')}`);
		await sandbox.close();
		process.exit(1);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
