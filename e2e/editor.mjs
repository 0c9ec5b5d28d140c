/**
 * The editor checks of the end-to-end test, in Debian's Chromium driven by playwright-core.
 * `openEditor` signs in as the owner once; each check then runs in its own page and returns
 * what the browser saw, for the test to assert. Only loopback requests are let through.
 * Screenshots go to `artifacts`, named after what they show (a failing check adds
 * `<check>-failure.png`).
 *
 * Fields are found by the parameter names of the public interface (resource, operation,
 * customerId, paymentProfileId, idempotencyKeyMode), not by position, so new fields do not
 * break a check unless it is about their order.
 */
import { join } from 'node:path';
import { OWNER, playwright } from './lib.mjs';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

const NODE_NAME = /^Mercado Pago$/;
/** An entry of the node panel's Actions list (its resource headings are entries without a type). */
const ACTION = '[data-test-id=item-iterator-item][data-keyboard-nav-type=action]';

export async function openEditor({ url, artifacts }) {
	const { chromium } = playwright();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
	});
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await context.route('**/*', (route) => {
		const { hostname } = new URL(route.request().url());
		return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort();
	});
	const screenshots = [];
	const shot = async (page, name) => {
		await page.waitForTimeout(600); // let n8n's transitions finish
		const file = join(artifacts, `${name}.png`);
		await page.screenshot({ path: file });
		screenshots.push(file);
		return file;
	};
	const newPage = async () => {
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);
		return page;
	};

	const signIn = await newPage();
	try {
		await signIn.goto(`${url}/signin`);
		await signIn.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(OWNER.email);
		await signIn.locator('input[type=password]').first().fill(OWNER.password);
		await signIn.locator('[data-test-id=form-submit-button], button[type=submit]').first().click();
		await signIn.waitForURL((u) => !u.pathname.startsWith('/signin'));
	} catch (error) {
		await shot(signIn, 'sign-in-failure').catch(() => {});
		await browser.close();
		throw error;
	}
	await signIn.close();

	return {
		url,
		screenshots,
		shot,
		/** Runs one check in a page of its own; on failure, screenshots it and names the screenshots. */
		async check(name, fn) {
			const page = await newPage();
			try {
				return await fn(page);
			} catch (error) {
				await shot(page, `${name}-failure`).catch(() => {});
				error.message += `\nscreenshots: ${screenshots.join(', ')}`;
				throw error;
			} finally {
				await page.close();
			}
		},
		close: () => browser.close(),
	};
}

/** A new workflow with the node panel open on the Mercado Pago search result. */
async function findNodeInPanel(page, url) {
	await page.goto(`${url}/workflow/new`);
	await page.locator('[data-test-id=canvas-plus-button], [data-test-id=node-creator-plus-button]').first().click();
	const search = page.locator('[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]').first();
	await search.fill('Mercado Pago');
	// n8n 2.x lists search results as item-iterator-item (node-creator-node-item before)
	const item = page
		.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-node-item]')
		.filter({ has: page.locator('[data-test-id=node-creator-item-name]', { hasText: NODE_NAME }) })
		.first();
	await item.waitFor();
	return item;
}

/**
 * The node's panel lists its trigger's events first ("On payment", …) and, in a workflow with
 * no trigger yet, folds the actions under "Actions (n)": unfold them.
 */
async function unfoldActions(page) {
	const header = page.getByText(/^Actions \(\d+\)$/).first();
	await header.waitFor();
	const heading = page.locator('[data-test-id=item-iterator-item]').filter({ hasText: /customer actions/i });
	if ((await heading.count()) === 0) await header.click();
	await heading.first().waitFor();
}

async function openAction(page, url, action) {
	await (await findNodeInPanel(page, url)).click();
	await unfoldActions(page);
	const name = page.locator('[data-test-id=node-creator-item-name]', { hasText: action });
	await page.locator(ACTION).filter({ has: name }).first().click();
	const ndv = page.locator('[data-test-id=ndv]');
	await ndv.waitFor();
	return ndv;
}

/** The value a select parameter shows, as the user reads it. */
function shown(ndv, name) {
	return ndv.locator(`[data-test-id="parameter-input-${name}"] input`).first().inputValue();
}

/** The version line of the node form's Settings tab, e.g. "Mercado Pago node version 2 (Latest)". */
async function versionLine(ndv) {
	await ndv.getByText('Settings', { exact: true }).first().click();
	const line = ndv.getByText(/node version \d/).first();
	await line.waitFor();
	const text = (await line.innerText()).trim();
	await ndv.getByText('Parameters', { exact: true }).first().click();
	return text;
}

/** The node panel finds the node; every entry of its panel as shown, the trigger's events, and the actions by resource. */
export function nodePanel(editor) {
	return editor.check('node-panel', async (page) => {
		const item = await findNodeInPanel(page, editor.url);
		await editor.shot(page, 'node-panel-search');
		await item.click();
		await unfoldActions(page);
		const entries = await page
			.locator('[data-test-id=item-iterator-item]')
			.evaluateAll((els) => els.map((el) => ({ type: el.getAttribute('data-keyboard-nav-type'), text: el.innerText.trim() })));
		await editor.shot(page, 'node-panel-actions');
		// Group the actions under the resource headings they are listed under.
		// The trigger's events come first, under no heading.
		const sections = {};
		const triggers = [];
		let heading;
		for (const { type, text } of entries) {
			if (type === null) sections[(heading = text)] = [];
			else if (type === 'action') (heading ? sections[heading] : triggers).push(text);
		}
		return { entries: entries.map((e) => e.text), sections, triggers };
	});
}

/**
 * Payment Profile > Cancel picked in the node panel: the form's parameters in the order shown
 * (a notice as `{ notice: text }`), whether the id and key fields are visible, and the version
 * the editor gave the new node.
 */
export function cancelForm(editor) {
	return editor.check('cancel-form', async (page) => {
		const ndv = await openAction(page, editor.url, /^Cancel a payment profile$/);
		const fields = {};
		for (const name of ['customerId', 'paymentProfileId', 'idempotencyKeyMode']) {
			const field = ndv.locator(`[data-test-id="parameter-input-${name}"]`).first();
			await field.waitFor();
			fields[name] = await field.isVisible();
		}
		const order = await ndv.evaluate((root) =>
			[...root.querySelectorAll('[data-test-id^="parameter-input-"], .notice.parameter-item')]
				.filter((el) => el.checkVisibility())
				.map((el) =>
					el.matches('.notice')
						? { notice: el.innerText.trim() }
						: el.getAttribute('data-test-id').slice('parameter-input-'.length),
				),
		);
		await editor.shot(page, 'cancel-form');
		const version = await versionLine(ndv);
		await editor.shot(page, 'cancel-form-settings');
		return { fields, order, version };
	});
}

/** A node of a saved workflow: the Resource and Operation its form shows, and its version. */
export function nodeForm(editor, { workflowId, nodeName, screenshot }) {
	return editor.check(screenshot, async (page) => {
		await page.goto(`${editor.url}/workflow/${workflowId}`);
		const node = page.locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`);
		await node.dblclick();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.waitFor();
		const form = { resource: await shown(ndv, 'resource'), operation: await shown(ndv, 'operation') };
		await editor.shot(page, screenshot);
		return { ...form, version: await versionLine(ndv) };
	});
}

/**
 * A new AI Agent gets "Mercado Pago Tool" from its Tool connector, the way a user adds one:
 * the node panel shows tools without an Actions list, so the tool starts on its version's
 * defaults. Returns the node the editor added and what its form shows.
 */
export function aiAgentTool(editor) {
	return editor.check('ai-agent-tool', async (page) => {
		await page.goto(`${editor.url}/workflow/new`);
		await page.locator('[data-test-id=canvas-plus-button], [data-test-id=node-creator-plus-button]').first().click();
		const search = page.locator('[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]').first();
		await search.fill('AI Agent');
		const nameIs = (name) => page.locator('[data-test-id=node-creator-item-name]', { hasText: name });
		await page.locator('[data-test-id=item-iterator-item]').filter({ has: nameIs(/^AI Agent$/) }).first().click();
		const ndv = page.locator('[data-test-id=ndv]');
		// n8n opens the agent's form (and adds a chat trigger); the tool goes on the canvas
		await ndv.waitFor();
		await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden' });
		const agent = '[data-test-id=canvas-node-input-handle][data-connection-type=ai_tool][data-node-name="AI Agent"]';
		await page.locator(`${agent} [data-test-id=canvas-handle-plus]`).click();
		await search.fill('Mercado Pago');
		const tool = page.locator('[data-test-id=item-iterator-item]').filter({ has: nameIs(/^Mercado Pago Tool$/) }).first();
		await tool.waitFor();
		await editor.shot(page, 'ai-agent-tool-panel');
		await tool.click();
		await ndv.waitFor();
		const form = { resource: await shown(ndv, 'resource'), operation: await shown(ndv, 'operation') };
		await editor.shot(page, 'ai-agent-tool-form');
		const version = await versionLine(ndv);
		const added = page.locator('[data-test-id=canvas-node][data-node-type="n8n-nodes-mercadopago.mercadoPagoTool"]');
		return { ...form, version, nodeName: await added.getAttribute('data-node-name') };
	});
}

/**
 * A new credential pointing at the sandbox, created from a node form; n8n tests it when it
 * is saved, and shows the verdict when it is opened again.
 */
export function credentialTest(editor, { token, baseUrl, tested }) {
	return editor.check('credential-test', async (page) => {
		const ndv = await openAction(page, editor.url, /^Search customers by email$/);
		await ndv.locator('[data-test-id=node-credentials-select]').first().click();
		await page.getByText('Create new credential', { exact: true }).first().click();
		const modal = page.locator('[data-test-id=editCredential-modal]');
		await modal.waitFor();
		await modal.locator('[data-test-id="parameter-input-accessToken"] input').fill(token);
		await modal.locator('[data-test-id="parameter-input-baseUrl"] input').fill(baseUrl);
		await modal.locator('[data-test-id=credential-save-button]').click();
		// Saving runs n8n's credential test (GET /users/me on the sandbox); from the node form,
		// n8n then closes the dialog.
		const deadline = Date.now() + 60_000;
		while (!tested() && Date.now() < deadline) await page.waitForTimeout(250);
		if (!tested()) throw new Error('saving the credential sent no test request to the sandbox');
		await modal.waitFor({ state: 'hidden' }).catch(() => {});
		if (!(await modal.isVisible())) await ndv.locator('[data-test-id=credential-edit-button]').first().click();
		const verdict = modal.getByText(/Connection tested successfully/i).first();
		await verdict.waitFor({ timeout: 60_000 });
		const text = (await verdict.innerText()).trim();
		await editor.shot(page, 'credential-test');
		return text;
	});
}

/** A saved workflow on the canvas: how many nodes n8n drew (every node type must be known). */
export function canvas(editor, { workflowId, screenshot }) {
	return editor.check(screenshot, async (page) => {
		await page.goto(`${editor.url}/workflow/${workflowId}`);
		await page.locator('[data-test-id=canvas-node]').first().waitFor();
		await page.locator('[data-test-id=zoom-to-fit]').click().catch(() => {});
		const count = await page.locator('[data-test-id=canvas-node]').count();
		await editor.shot(page, screenshot);
		return count;
	});
}

/** Each canvas node by name: whether it shows a success status, and its output handles' item counts. */
async function canvasNodes(page) {
	const nodes = {};
	for (const node of await page.locator('[data-test-id=canvas-node]').all()) {
		const name = await node.getAttribute('data-node-name');
		const items = await node.locator('[data-test-id=canvas-node-output-handle]').allInnerTexts();
		nodes[name] = {
			ran: (await node.locator('[data-test-id=canvas-node-status-success]').count()) > 0,
			items: items.map((t) => t.trim()).filter(Boolean),
		};
	}
	return nodes;
}

/**
 * Clicks the canvas's Execute workflow button on a saved workflow, as a user trying it does.
 * Returns the button's label before the click, whether it offered a choice of trigger, and
 * per node what the canvas shows after the run: whether it ran and its output's item label.
 * A run that waits for a trigger event (a webhook) ends the wait after `waitMs`.
 */
export function executeWorkflow(editor, { workflowId, screenshot, waitMs = 30_000 }) {
	return editor.check(screenshot, async (page) => {
		await page.goto(`${editor.url}/workflow/${workflowId}`);
		await page.locator('[data-test-id=canvas-node]').first().waitFor();
		await page.locator('[data-test-id=zoom-to-fit]').click().catch(() => {});
		const button = page.locator('[data-test-id=execute-workflow-button]');
		const label = (await button.innerText()).replace(/\s+/g, ' ').trim();
		const chooseTrigger = (await page.locator('[aria-label="Select trigger node"]').count()) > 0;
		await editor.shot(page, `${screenshot}-before`);
		await button.click();
		let waitingForTrigger = false;
		const deadline = Date.now() + waitMs;
		// The button turns idle before the canvas has drawn every node's status and item count,
		// so the run is read only once two reads in a row agree.
		let nodes;
		let last;
		for (;;) {
			const now = (await button.innerText()).replace(/\s+/g, ' ').trim();
			waitingForTrigger = /waiting for trigger/i.test(now);
			nodes = await canvasNodes(page);
			const seen = JSON.stringify(nodes);
			const done = now === 'Execute workflow' && Object.values(nodes).some((n) => n.ran) && seen === last;
			if (done || Date.now() > deadline) break;
			last = seen;
			await page.waitForTimeout(500);
		}
		await editor.shot(page, screenshot);
		return { label, chooseTrigger, waitingForTrigger, nodes };
	});
}
