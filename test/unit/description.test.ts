import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { versionDescription } from '../../nodes/MercadoPago/actions/versionDescription';
import { MercadoPago } from '../../nodes/MercadoPago/MercadoPago.node';

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
		expect(all.map((o) => o.value).sort()).toEqual(['cancel', 'get', 'get', 'getAll', 'search']);
		for (const option of all) {
			expect(option.action).toEqual(expect.any(String));
			expect(option.description).toMatch(option.value === 'cancel' ? /cannot be undone/ : /Read-only/);
		}
	});

	it('the stored defaults stay: Payment Profile > Cancel, so older workflows open unchanged', () => {
		expect(properties.find((p) => p.name === 'resource')?.default).toBe('paymentProfile');
		const profileOperations = operations.find((p) => p.displayOptions?.show?.resource?.includes('paymentProfile'));
		expect(profileOperations?.default).toBe('cancel');
	});

	it('both pickers offer a searchable list, served by the node, and an ID that takes expressions', () => {
		const methods = Object.keys(new MercadoPago().methods.listSearch);
		for (const name of ['customerId', 'paymentProfileId']) {
			for (const locator of properties.filter((p) => p.name === name)) {
				expect(locator.modes?.map((m) => m.name)).toEqual(['list', 'id']);
				expect(locator.modes?.[0].typeOptions?.searchable).toBe(true);
				expect(methods).toContain(locator.modes?.[0].typeOptions?.searchListMethod);
			}
		}
	});

	it('the idempotency mode explains itself where the user chooses it', () => {
		const mode = properties.find((p) => p.name === 'idempotencyKeyMode');
		expect(mode?.hint).toMatch(/Derived From IDs.*Random per Execution.*Custom/s);
	});
});
