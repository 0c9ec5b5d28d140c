import { endpointText } from '../../nodes/MercadoPago/actions/endpoint';
import { REGISTRY, findOperation, type Registered } from '../../nodes/MercadoPago/actions/registry';
import type { Section } from './section';

function changesAnything({ resource, operation }: Registered): string {
	const { effect } = operation;
	if (effect.kind === 'read') return 'no';
	if (effect.kind === 'irreversible') return '**yes, for good**';
	return `yes; ${findOperation(resource.value, effect.undoneBy)?.label} undoes it`;
}

/** README's table of operations, from the registry: each record's words, request and effect. */
export const operationTable: Section = {
	start: '<!-- operation-table:start (generated from nodes/MercadoPago/actions/ by `npm run docs`) -->',
	end: '<!-- operation-table:end -->',
	render() {
		const rows = REGISTRY.map(
			(entry) =>
				`| ${entry.resource.name} | **${entry.operation.label}** | ${entry.operation.summary} | \`${endpointText(entry.operation.request)}\` | ${changesAnything(entry)} |`,
		);
		return ['| resource | operation | what it does | request | changes anything? |', '|---|---|---|---|---|', ...rows].join('\n');
	},
};
