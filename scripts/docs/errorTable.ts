import { ERROR_CATALOGUE, type CatalogueEntry } from '../../nodes/MercadoPago/errors/catalogue';
import { REGISTRY } from '../../nodes/MercadoPago/actions/registry';
import type { Section } from './section';

/** The words as README shows them: placeholders named, since each operation fills in its own. */
function shown(text: string): string {
	return text.replace(/\{subject\}/g, '*resource*').replace(/\{act\}/g, '*change*').replace(/\{check\}/g, '*a Get*');
}

const changes = REGISTRY.map(({ operation }) => operation).filter((operation) => operation.effect.kind !== 'read');

/** Each different value, in the registry's order, as "a, b or c". */
function listed(values: Array<string | undefined>): string {
	const unique = [...new Set(values.filter((value): value is string => value !== undefined))];
	return unique.length < 2 ? unique.join('') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function advice(entry: CatalogueEntry): string {
	if (typeof entry.advice === 'string') return shown(entry.advice);
	const writes = [...new Set(changes.map((operation) => operation.label))].join(', ');
	return `**${writes}:** ${shown(entry.advice.write)}<br>**Reads and dry runs:** ${shown(entry.advice.read)}`;
}

/** README's error table, from the catalogue and the operations' words. */
export const errorTable: Section = {
	start: '<!-- error-table:start (generated from nodes/MercadoPago/errors/catalogue.ts by `npm run docs`) -->',
	end: '<!-- error-table:end -->',
	render() {
		const rows = (Object.entries(ERROR_CATALOGUE) as Array<[string, CatalogueEntry]>).map(
			([code, e]) => `| \`${code}\` | ${e.httpStatus ?? '—'} | ${e.retryable ? 'yes' : 'no'} | ${shown(e.message)} | ${advice(e)} |`,
		);
		const words = REGISTRY.map(({ operation }) => operation.words);
		return [
			'| `code` | HTTP | retryable | message | what to check |',
			'|---|---|---|---|---|',
			...rows,
			'',
			`The failing operation names the words in italics: *resource* is the ${listed(words.map((w) => w.subject))}; *change* is the ${listed(words.map((w) => w.act))}; *a Get* is ${listed(words.map((w) => w.check))}. An answer Mercado Pago does not document keeps the code it sent (for example \`idempotency_key_already_used\`), or \`http_<status>\` when it sent none.`,
		].join('\n');
	},
};
