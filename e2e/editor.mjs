/**
 * The editor check of the end-to-end test, in Debian's Chromium driven by playwright-core:
 * sign in as the owner, find the node in the node panel, open its Cancel form and check the
 * fields, create a credential pointing at the sandbox and see n8n's credential test pass.
 * Only loopback requests are let through. Screenshots go to `artifacts`.
 *
 * Fields are found by the parameter names of the public interface (docs spec: customerId,
 * paymentProfileId, idempotencyKeyMode), not by position, so new fields do not break it.
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

export async function checkEditor({ url, artifacts, sandbox, workflows = [], step = () => {} }) {
	const { chromium } = playwright();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
	});
	const shots = [];
	const shot = async (page, name) => {
		await page.waitForTimeout(600); // let n8n's transitions finish
		const file = join(artifacts, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file });
		shots.push(file);
	};
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.route('**/*', (route) => {
			const { hostname } = new URL(route.request().url());
			return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort();
		});
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);

		// Sign in
		await page.goto(`${url}/signin`);
		await page.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(OWNER.email);
		await page.locator('input[type=password]').first().fill(OWNER.password);
		await page.locator('[data-test-id=form-submit-button], button[type=submit]').first().click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
		step('signed in');

		// Node panel: search finds the node
		await page.goto(`${url}/workflow/new`);
		await page.locator('[data-test-id=canvas-plus-button], [data-test-id=node-creator-plus-button]').first().click();
		const search = page.locator('[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]').first();
		await search.fill('Mercado Pago');
		// n8n 2.x lists search results as item-iterator-item (node-creator-node-item before)
		const item = page
			.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-node-item]')
			.filter({ has: page.locator('[data-test-id=node-creator-item-name]', { hasText: /^Mercado Pago$/ }) })
			.first();
		await item.waitFor();
		await shot(page, 'node-panel-search');
		step('node found in the node panel');

		// Its actions, then the Cancel form
		await item.click();
		const cancelAction = page
			.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-action-item]')
			.filter({ hasText: /Cancel a payment profile/i })
			.first();
		await cancelAction.waitFor();
		await shot(page, 'node-panel-actions');
		await cancelAction.click();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.waitFor();
		const fields = {};
		for (const name of ['customerId', 'paymentProfileId', 'idempotencyKeyMode']) {
			const field = ndv.locator(`[data-test-id="parameter-input-${name}"]`).first();
			await field.waitFor();
			fields[name] = await field.isVisible();
		}
		await shot(page, 'node-form');
		step('form shows customerId, paymentProfileId, idempotencyKeyMode');

		// A new credential pointing at the sandbox; n8n tests it when it is saved
		await ndv.locator('[data-test-id=node-credentials-select]').first().click();
		await page.getByText('Create new credential', { exact: true }).first().click();
		const modal = page.locator('[data-test-id=editCredential-modal]');
		await modal.waitFor();
		await modal.locator('[data-test-id="parameter-input-accessToken"] input').fill(sandbox.token);
		const baseUrl = modal.locator('[data-test-id="parameter-input-baseUrl"] input');
		await baseUrl.fill(sandbox.url);
		await modal.locator('[data-test-id=credential-save-button]').click();
		// Saving runs n8n's credential test (GET /users/me on the sandbox); from the node form,
		// n8n then closes the dialog.
		const deadline = Date.now() + 60_000;
		while (!sandbox.credentialTested() && Date.now() < deadline) await page.waitForTimeout(250);
		if (!sandbox.credentialTested()) throw new Error('saving the credential sent no test request to the sandbox');
		// Open the saved credential again: n8n re-tests it and shows the verdict.
		await modal.waitFor({ state: 'hidden' }).catch(() => {});
		if (!(await modal.isVisible())) await ndv.locator('[data-test-id=credential-edit-button]').first().click();
		const verdict = modal.getByText(/Connection tested successfully/i).first();
		await verdict.waitFor({ timeout: 60_000 });
		const verdictText = (await verdict.innerText()).trim();
		await shot(page, 'credential-test');
		step(`credential test: ${verdictText}`);

		// The imported examples open on the canvas with every node known to n8n
		const canvases = {};
		for (const { id, name } of workflows) {
			const view = await context.newPage();
			await view.goto(`${url}/workflow/${id}`);
			await view.locator('[data-test-id=canvas-node]').first().waitFor();
			await view.locator('[data-test-id=zoom-to-fit]').click().catch(() => {});
			canvases[name] = await view.locator('[data-test-id=canvas-node]').count();
			await shot(view, `workflow-${name}`);
			await view.close();
		}
		return { fields, credentialTest: verdictText, canvases, screenshots: shots };
	} catch (error) {
		const pages = browser.contexts().flatMap((c) => c.pages());
		if (pages[0]) await shot(pages[0], 'failure').catch(() => {});
		error.message += `\nscreenshots: ${shots.join(', ')}`;
		throw error;
	} finally {
		await browser.close();
	}
}
