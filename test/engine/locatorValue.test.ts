import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { locatorValue } from '../../nodes/MercadoPago/actions/locators';
import { runNode } from '../harness/harness';

/** Reads the same locator both ways, per item: the shortcut and n8n's own parameter resolution. */
class Probe implements INodeType {
	description = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'reads a locator two ways',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{
				displayName: 'Customer',
				name: 'customerId',
				type: 'resourceLocator' as const,
				default: { mode: 'id', value: '' },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod: 'x' } },
					{ displayName: 'By ID', name: 'id', type: 'string' as const },
				],
			},
		],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, i) => ({
				json: {
					shortcut: wrap(locatorValue.call(this, 'customerId', i)),
					engine: wrap(this.getNodeParameter('customerId', i, '', { extractValue: true })),
				},
				pairedItem: { item: i },
			})),
		];
	}
}

/** Keeps `undefined` visible in the output's json. */
const wrap = (value: unknown) => ({ type: value === undefined ? 'undefined' : typeof value, value: value ?? null }) as IDataObject;

const ROWS: IDataObject[] = [
	{ customerId: '123456789-abc', 'customer id': 'spaced key' },
	{ customerId: '  padded\t' },
	{ customerId: 42 },
	{ customerId: 0 },
	{ customerId: '' },
	{ customerId: null },
	{ customerId: true },
	{ customerId: { nested: 'object' } },
	{ customerId: ['a'] },
	{ customerId: '={{ 1 + 1 }}' },
	{ customerId: 'ñandú/..?#' },
	{ other: 'no customerId at all' },
];

describe('the {{ $json.column }} shortcut reads exactly what n8n resolves', () => {
	it.each([
		['id', '={{ $json.customerId }}'],
		['id', '={{$json.customerId}}'],
		['list', '={{ $json["customerId"] }}'],
		['id', "={{ $json['customer id'] }}"],
		// Not a plain column: these go through n8n and must of course agree too.
		['id', '={{ $json.customerId }} '],
		['id', '=cus-{{ $json.customerId }}'],
		['id', 'literal-id'],
	])('mode %s, value %j', async (mode, value) => {
		const result = await runNode({
			nodeType: new Probe(),
			nodeTypeName: 'test.probe',
			parameters: { customerId: { __rl: true, mode, value } },
			items: ROWS,
		});
		expect(result.status).toBe('success');
		expect(result.success).toHaveLength(ROWS.length);
		for (const item of result.success) expect(item.json.shortcut).toEqual(item.json.engine);
	});
});
