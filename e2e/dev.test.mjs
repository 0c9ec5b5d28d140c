/**
 * `npm run dev` (e2e/dev.mjs) across a restart, in a user folder of its own (.cache/dev-test):
 * the owner account, a workflow and a credential made in the first session are there in the
 * second; the examples and the sandbox credential are imported again under their ids, never
 * twice; after the restart the trigger examples, published by dev.mjs, run on the
 * notifications `node e2e/notify.mjs` sends them (a forged one is refused); and neither n8n,
 * nor the npm it runs, nor the editor in Chromium reaches beyond loopback while the pages a
 * user opens first are open. Every process started by dev.mjs loads
 * a probe (through NODE_OPTIONS) that writes down each connection and name lookup it makes to
 * anything but loopback. Run with Node 24 after scripts/install; see package.json `test:e2e`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CREDENTIAL_ID, CREDENTIAL_NAME, CREDENTIAL_TYPE, EXAMPLES, OWNER, ROOT, TRIGGER_TYPE, assertInstalled, freePort, freshDir, playwright, rest } from './lib.mjs';
import { finishedExecutions, triggerItems } from './trigger.mjs';

const WORK = join(ROOT, '.cache', 'dev-test');
const OUTBOUND = join(WORK, 'outbound.log');
const PROBE = join(WORK, 'outbound-probe.cjs');
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|::)?$/;

/** Loaded into every process dev.mjs starts: notes each socket or lookup beyond loopback. */
const probeSource = `
const net = require('node:net');
const dns = require('node:dns');
const { appendFileSync } = require('node:fs');
const loopback = ${LOOPBACK};
const note = (what) => appendFileSync(${JSON.stringify(OUTBOUND)}, JSON.stringify({ process: process.argv.slice(1, 3).join(' '), what }) + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	const options = Array.isArray(args[0]) ? args[0][0] : args[0];
	const host = typeof options === 'object' ? (options.path ? 'localhost' : options.host) : typeof args[1] === 'string' ? args[1] : undefined;
	if (!loopback.test(host ?? '')) note('connect ' + host);
	return connect.apply(this, args);
};
for (const api of [dns, dns.promises]) {
	const lookup = api.lookup;
	api.lookup = function (host, ...rest) {
		if (!loopback.test(host)) note('lookup ' + host);
		return lookup.call(this, host, ...rest);
	};
}
`;

/** Starts `e2e/dev.mjs` and resolves once it prints that n8n is running. */
async function startDev(ports) {
	const child = spawn(process.execPath, [join(ROOT, 'e2e', 'dev.mjs')], {
		env: {
			...process.env,
			N8N_DEV_DIR: WORK,
			N8N_PORT: String(ports.n8n),
			SANDBOX_PORT: String(ports.sandbox),
			NODE_OPTIONS: `--require ${PROBE}`,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const deadline = Date.now() + 300_000;
	while (!output.includes('Ctrl-C stops')) {
		if (child.exitCode !== null) throw new Error(`dev.mjs exited ${child.exitCode}:\n${output}`);
		if (Date.now() > deadline) throw new Error(`dev.mjs not ready:\n${output}`);
		await new Promise((r) => setTimeout(r, 500));
	}
	return {
		url: `http://127.0.0.1:${ports.n8n}`,
		output: () => output,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGINT');
			await once(child, 'exit');
		},
	};
}

async function signIn(url) {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	assert.equal(res.status, 200, 'the owner signs in with the password dev.mjs printed');
	return res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth=')).split(';')[0];
}

/** Opens the pages a user opens first in Chromium; the addresses beyond loopback it asked for. */
async function browse(url, workflowId) {
	const { chromium } = playwright();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		// Chromium's own background traffic is the browser's, not n8n's.
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
	});
	const outside = [];
	try {
		const context = await browser.newContext();
		await context.route('**/*', (route) => {
			const { hostname } = new URL(route.request().url());
			if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
			outside.push(route.request().url());
			return route.abort();
		});
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);
		await page.goto(`${url}/signin`);
		await page.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(OWNER.email);
		await page.locator('input[type=password]').first().fill(OWNER.password);
		await page.locator('[data-test-id=form-submit-button], button[type=submit]').first().click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
		// Not Settings > Community nodes: n8n's editor asks api.npms.io there for the number of
		// community packages, and no setting of n8n turns that off (docs/sandbox.md).
		for (const path of ['/home/workflows', `/workflow/${workflowId}`, '/home/credentials', '/settings/usage']) {
			await page.goto(url + path);
			// Whatever a page asks for once loaded (banners, news, versions) comes in these seconds.
			await page.waitForTimeout(3_000);
		}
	} finally {
		await browser.close();
	}
	return outside;
}

/** `node e2e/notify.mjs <args>` against the running `npm run dev`, as its banner says to: what it printed. */
async function notify(...args) {
	const child = spawn(process.execPath, [join(ROOT, 'e2e', 'notify.mjs'), ...args], { env: { ...process.env, N8N_DEV_DIR: WORK }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const [code] = await once(child, 'exit');
	assert.equal(code, 0, output);
	return output;
}

const outbound = () => (existsSync(OUTBOUND) ? readFileSync(OUTBOUND, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const exampleIds = Object.values(EXAMPLES).map((file) => JSON.parse(readFileSync(file, 'utf8')).id);

describe('npm run dev', () => {
	let dev;
	after(async () => dev?.stop());

	it('keeps the owner, your workflows and credentials across a restart, imports the examples once, and calls nothing outside the machine', async () => {
		assertInstalled();
		freshDir(WORK);
		writeFileSync(PROBE, probeSource);
		const ports = { n8n: await freePort(), sandbox: await freePort() };

		dev = await startDev(ports);
		let cookie = await signIn(dev.url);
		const mine = await rest(dev.url, cookie, '/rest/workflows', {
			method: 'POST',
			body: { name: 'My own workflow', nodes: [], connections: {}, settings: {}, active: false },
		});
		const myCredential = await rest(dev.url, cookie, '/rest/credentials', {
			method: 'POST',
			body: { name: 'My own token', type: CREDENTIAL_TYPE, data: { accessToken: 'APP_USR-mine', baseUrl: `http://127.0.0.1:${ports.sandbox}` } },
		});
		assert.deepEqual(await browse(dev.url, exampleIds[0]), [], 'the editor asked for nothing beyond loopback');
		await dev.stop();

		dev = await startDev(ports);
		assert.match(dev.output(), /Keeping your workflows/);
		cookie = await signIn(dev.url);
		const workflows = (await rest(dev.url, cookie, '/rest/workflows')).data.map((w) => w.id).sort();
		assert.deepEqual(workflows, [...exampleIds, mine.data.id].sort(), 'yours kept, each example once');
		const credentials = (await rest(dev.url, cookie, '/rest/credentials')).data.map((c) => [c.id, c.name]);
		assert.deepEqual(
			credentials.sort(),
			[
				[CREDENTIAL_ID, CREDENTIAL_NAME],
				[myCredential.data.id, 'My own token'],
			].sort(),
		);

		// The trigger examples, published again after the restart, run on the notifications the banner offers.
		assert.match(await notify('forged', 'third-rejection'), /→ 401 /);
		for (const name of ['first-rejection', 'third-rejection', 'payer-cancelled']) assert.match(await notify(name), /→ 200 /, name);
		const ran = async (file, count) => {
			const wf = JSON.parse(readFileSync(file, 'utf8'));
			const trigger = wf.nodes.find((n) => n.type === TRIGGER_TYPE).name;
			return await triggerItems(dev.url, cookie, await finishedExecutions(dev.url, cookie, wf.id, count), trigger);
		};
		const dunning = await ran(EXAMPLES.dunning, 2);
		assert.deepEqual(dunning.map((r) => [r.status, r.item.event.verified]), [['success', true], ['success', true]]);
		assert.deepEqual(dunning.flatMap((r) => r.outputs['Tell the CRM: paused for non-payment'] ?? []).map((i) => [i.status, i.rejections]), [['paused', 3]], 'the third rejection paused the subscription');
		const [cancelled] = await ran(EXAMPLES.payerCancelled, 1);
		assert.deepEqual(cancelled.outputs['Tell the CRM: close the deal'].map((i) => i.event), ['deal.close_lost']);
		await dev.stop();

		assert.deepEqual(outbound(), [], 'n8n and npm connected to or looked up nothing beyond loopback');
	});
});
