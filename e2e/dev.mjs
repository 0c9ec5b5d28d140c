/**
 * `npm run dev`: the real n8n 2.41.1 with this package installed as a community package,
 * the loopback Mercado Pago sandbox seeded with the examples' customers, the examples and a
 * credential pointing at the sandbox imported, and an owner account ready. Prints where to
 * sign in and what to type. Ctrl-C stops everything.
 *
 * The n8n user folder (.cache/dev/n8n-home, or $N8N_DEV_DIR/n8n-home) lives on between starts:
 * the workflows and credentials you make, and your owner account, are there next time. Each
 * start installs the package you just built in place of the last one, and imports the
 * examples and the sandbox credential again under their own ids: they are updated, never
 * duplicated, and nothing else is touched. n8n runs on loopback with everything that would
 * call outside the machine turned off (e2e/lib.mjs n8nEnv).
 * Ports: N8N_PORT (default 5678) and SANDBOX_PORT (default 9400).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
	ownerSession,
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

const WORK = resolve(process.env.N8N_DEV_DIR ?? join(ROOT, '.cache', 'dev'));
const home = join(WORK, 'n8n-home');
const port = Number(process.env.N8N_PORT ?? 5678);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 9400);

/** Whether n8n still asks for its first owner (a new user folder). */
async function ownerMissing(url) {
	const res = await fetch(`${url}/rest/settings`);
	if (!res.ok) throw new Error(`GET /rest/settings: HTTP ${res.status}`);
	const { data } = await res.json();
	return data.userManagement.showSetupOnFirstLoad === true;
}

async function main() {
	assertInstalled();
	const returning = existsSync(join(home, '.n8n', 'database.sqlite'));
	mkdirSync(WORK, { recursive: true });
	const { startSandbox } = sandboxModule();
	const sandbox = await startSandbox({ port: sandboxPort, latencyMs: 50 });
	seedSandbox(sandbox);
	const env = n8nEnv({ home, port, brokerPort: await freePort() });

	console.log(
		returning
			? `Keeping your workflows, credentials and owner account in ${home}; installing the package just built…`
			: `Setting up n8n in ${home}; installing the package just built…`,
	);
	const { tarball } = await packAndInstall(home, { packDir: freshDir(join(WORK, 'pack')), offline: true });
	// The same ids every start: n8n updates the credential and the examples in place.
	const credentialFile = writeCredentialFile(WORK, { baseUrl: sandbox.url, accessToken: sandbox.token });
	await n8nCli(env, ['import:credentials', `--input=${credentialFile}`]);
	const workflowsDir = freshDir(join(WORK, 'workflows'));
	for (const file of Object.values(EXAMPLES)) {
		copyFileSync(file, join(workflowsDir, file.split('/').pop()));
	}
	await n8nCli(env, ['import:workflow', '--separate', `--input=${workflowsDir}`]);

	console.log('Starting n8n…');
	const server = await startN8n(env, { logFile: join(WORK, 'n8n.log') });
	const newOwner = await ownerMissing(server.url);
	const cookie = newOwner ? await setupOwner(server.url) : await ownerSession(server.url).catch(() => undefined);
	// The trigger examples are published, so their Production URLs take notifications (e2e/notify.mjs).
	const urls = {};
	for (const example of ['dunning', 'payerCancelled']) {
		const workflow = JSON.parse(readFileSync(EXAMPLES[example], 'utf8'));
		urls[example] = productionUrl(server.url, workflow);
		if (!cookie) continue;
		await activateWorkflow(server.url, cookie, workflow.id);
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
  Sign in     ${OWNER.email} / ${OWNER.password}${newOwner ? '' : ' (or the password you set since)'}

  Credential "${CREDENTIAL_NAME}" (Mercado Pago API) is already there; to make another:
    Access Token      ${sandbox.token}
    Base URL          ${sandbox.url}
    Secret Signature  ${WEBHOOK_SECRET}

  Workflows: the examples in examples/ (Overview > Workflows), as committed; yours are kept.
  Sandbox customers and payment profiles (any other id answers 404):
${customers}
  Sandbox subscriptions (preapproval; any other id answers 404):
${subscriptions}

  ${cookie ? 'The trigger examples are published' : 'Publish the two trigger examples (this script could not sign in as the owner)'}; send them a signed notification from another terminal:
${Object.entries(NOTIFICATIONS)
	.map(([name, n]) => `    node e2e/notify.mjs ${name.padEnd(16)} # ${n.type} ${n.dataId}`)
	.join('\n')}
    node e2e/notify.mjs forged third-rejection   # signed with another secret: 401, nothing starts
  Their executions are under Overview > Executions. Production URLs:
    ${Object.values(urls).join('\n    ')}

  n8n's user folder: ${home} (delete it to start from nothing)
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
