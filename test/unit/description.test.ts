import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';

const versionDescription = new MercadoPago().description;

// What an AI agent (usableAsTool) and a person in the editor read before acting.
const properties = versionDescription.properties;
const operations = properties.filter((p) => p.name === 'operation');
const options = (p: INodeProperties) => (p.options ?? []) as INodePropertyOptions[];

describe('node description', () => {
	it('the subtitle shows the operation and the resource', () => {
		expect(versionDescription.subtitle).toContain('$parameter["operation"]');
		expect(versionDescription.subtitle).toContain('$parameter["resource"]');
	});

	it('every operation has an action and a description saying whether it changes anything', () => {
		const all = operations.flatMap(options);
		const unique = [...new Map(all.map((o) => [`${o.action}`, o])).values()];
		expect(unique.map((o) => o.value).sort()).toEqual(['cancel', 'cancel', 'get', 'get', 'get', 'getAll', 'pause', 'resume', 'search', 'search']);
		for (const option of unique) {
			expect(option.action).toEqual(expect.any(String));
			const says = option.value === 'cancel' ? /cannot be undone/ : option.value === 'pause' || option.value === 'resume' ? /undoes it/ : /Read-only/;
			expect(option.description).toMatch(says);
		}
	});

	it('version 1 keeps the stored defaults: Payment Profile > Cancel, so older workflows open unchanged', () => {
		const v1 = (p: INodeProperties) => (p.displayOptions?.show?.['@version'] as unknown[] | undefined)?.includes(1);
		expect(properties.find((p) => p.name === 'resource' && v1(p))?.default).toBe('paymentProfile');
		const profileOperations = operations.find((p) => p.displayOptions?.show?.resource?.includes('paymentProfile') && v1(p));
		expect(profileOperations?.default).toBe('cancel');
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
