import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// What n8n's community-package loader and the interface spec rely on; `npm test` builds first.
describe('package as n8n loads it', () => {
	it('declares the spec fields', () => {
		expect(pkg.name).toBe('n8n-nodes-mercadopago');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(Object.keys(pkg.dependencies).sort()).toEqual(['undici', 'uuid']);
		expect(pkg.dependencies.undici).toMatch(/^\^7\./);
		expect(pkg.dependencies.uuid).toMatch(/^\^11\./);
		expect(pkg.devDependencies['n8n-core']).toBe('2.41.1');
		expect(pkg.devDependencies['n8n-workflow']).toBe('2.41.0');
	});

	it.each([...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[])(
		'%s exists, exports a class named like its file, with its icons beside it',
		(file) => {
			const compiled = path.join(root, file);
			const className = path.basename(file).split('.')[0];
			const exported = require(compiled)[className];
			expect(typeof exported).toBe('function');
			const instance = new exported();
			const icon = (instance.description ?? instance).icon as { light: string; dark: string };
			for (const variant of [icon.light, icon.dark]) {
				expect(fs.existsSync(path.join(path.dirname(compiled), variant.replace(/^file:/, '')))).toBe(true);
			}
		},
	);

	it('the node is mercadoPago, versions 1 and 2 (2 for new nodes), usable as a tool, with the mercadoPagoApi credential', () => {
		const { MercadoPago } = require(path.join(root, 'dist/nodes/MercadoPago/MercadoPago.node.js'));
		const { description } = new MercadoPago();
		expect(description).toMatchObject({ name: 'mercadoPago', displayName: 'Mercado Pago', version: [1, 2], defaultVersion: 2, usableAsTool: true });
		expect(description.credentials).toEqual([{ name: 'mercadoPagoApi', required: true, testedBy: 'mercadoPagoApiTest' }]);
		const names = description.properties.map((p: { name: string }) => p.name);
		for (const name of ['resource', 'operation', 'customerId', 'paymentProfileId', 'idempotencyKeyMode', 'idempotencyKey', 'options']) {
			expect(names).toContain(name);
		}
	});

	it('the codex beside the node gives n8n its categories and documentation links', () => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'dist/nodes/MercadoPago/MercadoPago.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-mercadopago.mercadoPago');
		expect(codex.categories).toContain('Finance & Accounting');
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\//);
	});

	it('the published tarball holds only dist/, README, LICENSE and package.json', () => {
		const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }));
		const files: string[] = packed.files.map((f: { path: string }) => f.path);
		expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(files.filter((f) => /\.test\.|\.map$|\.ts$/.test(f))).toEqual([]);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'dist/nodes/MercadoPago/MercadoPago.node.json']) {
			expect(files).toContain(file);
		}
	});
});

