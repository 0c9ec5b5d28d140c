import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';
import { REGISTRY } from '../../nodes/MercadoPago/actions/registry';

const versionDescription = new MercadoPago().description;

// What an AI agent (usableAsTool) and a person in the editor read before acting.
const properties = versionDescription.properties;
const options = (p: INodeProperties) => (p.options ?? []) as INodePropertyOptions[];
const shownIn = (version: number) => (p: INodeProperties) => {
	const versions = p.displayOptions?.show?.['@version'] as number[] | undefined;
	return versions === undefined || versions.includes(version);
};

/** Released operations: workflows store them, so none may go away or change meaning. */
const STORED: Record<string, string[]> = {
	customer: ['get', 'search'],
	paymentProfile: ['cancel', 'get', 'getAll'],
	subscription: ['cancel', 'get', 'pause', 'resume', 'search'],
};

describe('node description', () => {
	it('the subtitle shows the operation and the resource', () => {
		expect(versionDescription.subtitle).toContain('$parameter["operation"]');
		expect(versionDescription.subtitle).toContain('$parameter["resource"]');
	});

	it('every released operation is still in the registry', () => {
		const registered = REGISTRY.map(({ resource, operation }) => `${resource.value} > ${operation.value}`);
		for (const [resource, values] of Object.entries(STORED)) {
			for (const value of values) expect(registered).toContain(`${resource} > ${value}`);
		}
	});

	it('version 1 keeps the stored defaults: Payment Profile > Cancel, so older workflows open unchanged', () => {
		const v1 = shownIn(1);
		expect(properties.find((p) => p.name === 'resource' && v1(p))?.default).toBe('paymentProfile');
		const profileOperations = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('paymentProfile') && v1(p),
		);
		expect(profileOperations?.default).toBe('cancel');
	});

	it('each version lists every resource once, and every action once, under its resource', () => {
		for (const version of [1, 2]) {
			const shown = properties.filter(shownIn(version));
			expect(shown.filter((p) => p.name === 'resource')).toHaveLength(1);
			const actions = shown.filter((p) => p.name === 'operation').flatMap(options).map((o) => o.action);
			expect(new Set(actions).size).toBe(actions.length);
			expect(actions).toHaveLength(REGISTRY.length);
		}
	});

	it('both pickers offer a searchable list, served by the node, and an ID that takes expressions', () => {
		const methods = Object.keys(new MercadoPago().methods.listSearch);
		for (const name of ['customerId', 'paymentProfileId', 'subscriptionId']) {
			for (const locator of properties.filter((p) => p.name === name)) {
				expect(locator.modes?.map((m) => m.name)).toEqual(['list', 'id']);
				expect(locator.modes?.[0].typeOptions?.searchable).toBe(true);
				expect(methods).toContain(locator.modes?.[0].typeOptions?.searchListMethod);
			}
		}
	});

	it('the idempotency mode keeps its hint short; each mode explains itself', () => {
		const mode = properties.find((p) => p.name === 'idempotencyKeyMode');
		expect(mode?.hint).toMatch(/Derived From IDs/);
		expect(mode?.hint?.length).toBeLessThan(100);
		for (const option of options(mode!)) expect(option.description).toEqual(expect.any(String));
	});
});

describe.each(REGISTRY.map((entry) => [`${entry.resource.name} > ${entry.operation.label}`, entry] as const))('%s', (_name, { resource, operation }) => {
	const form = properties.filter(
		(p) => p.displayOptions?.show?.resource?.includes(resource.value) && p.displayOptions?.show?.operation?.includes(operation.value),
	);
	const optionNames = options(form.find((p) => p.name === 'options')!).map((o) => o.name);
	const changes = operation.effect.kind !== 'read';

	it('is offered in both versions with its action, and its description says whether it changes anything', () => {
		for (const version of [1, 2]) {
			const list = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value) && shownIn(version)(p));
			const option = options(list!).find((o) => o.value === operation.value);
			expect(option).toMatchObject({ name: operation.label, action: operation.action });
			const says = { read: /Read-only\.$/, reversible: /\. \w+ undoes it\.$/, irreversible: /\. This cannot be undone: .+\.$/ }[operation.effect.kind];
			expect(option?.description).toMatch(says);
		}
	});

	it('a change has a Dry Run and an irreversible one opens on its notice; a read has neither', () => {
		expect(optionNames.includes('dryRun')).toBe(changes);
		const notice = form.findIndex((p) => p.type === 'notice');
		if (operation.effect.kind === 'irreversible') {
			expect(notice).toBe(0);
			expect(form[0].displayName).toMatch(/cannot be undone\. .*On Error.*Continue \(using error output\).*Dry Run/);
		} else {
			expect(notice).toBe(-1);
		}
	});

	it('only a keyed write offers the idempotency key; a list offers Return All, Limit and its unmatched rows', () => {
		const names = form.map((p) => p.name);
		expect(names.includes('idempotencyKeyMode')).toBe(changes && operation.proof === 'statusReached' && operation.key !== undefined);
		const list = operation.proof === 'page';
		expect([names.includes('returnAll'), names.includes('limit'), optionNames.includes('outputUnmatched')]).toEqual([list, list, list]);
	});

	it('asks for each of its ids with its picker, before the other fields', () => {
		const fields = form.filter((p) => p.type !== 'notice').map((p) => p.name);
		expect(fields.slice(0, operation.ids.length)).toEqual(operation.ids);
		for (const id of operation.ids) expect(form.find((p) => p.name === id)).toMatchObject({ type: 'resourceLocator', required: true });
	});
});
