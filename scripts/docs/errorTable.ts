import { ERROR_CATALOGUE, type CatalogueEntry } from '../../nodes/MercadoPago/errors/catalogue';

export const START = '<!-- error-table:start (generated from nodes/MercadoPago/errors/catalogue.ts by `npm run docs`) -->';
export const END = '<!-- error-table:end -->';

/** The words as README shows them: placeholders named, since each operation fills in its own. */
function shown(text: string): string {
	return text.replace(/\{subject\}/g, '*resource*').replace(/\{act\}/g, '*change*').replace(/\{check\}/g, '*a Get*');
}

function advice(entry: CatalogueEntry): string {
	if (typeof entry.advice === 'string') return shown(entry.advice);
	return `**Cancel, Pause, Resume:** ${shown(entry.advice.write)}<br>**Reads and dry runs:** ${shown(entry.advice.read)}`;
}

/** README's error table, rendered from the catalogue so the two cannot drift apart. */
export function renderErrorTable(): string {
	const rows = (Object.entries(ERROR_CATALOGUE) as Array<[string, CatalogueEntry]>).map(
		([code, e]) => `| \`${code}\` | ${e.httpStatus ?? '—'} | ${e.retryable ? 'yes' : 'no'} | ${shown(e.message)} | ${advice(e)} |`,
	);
	return [
		'| `code` | HTTP | retryable | message | what to check |',
		'|---|---|---|---|---|',
		...rows,
		'',
		'The failing operation names the words in italics: *resource* is the payment profile, subscription or customer; *change* is the cancellation, pause or resumption; *a Get* is Payment Profile > Get or Subscription > Get. An answer Mercado Pago does not document keeps the code it sent (for example `idempotency_key_already_used`), or `http_<status>` when it sent none.',
	].join('\n');
}

/** README with the table between its markers replaced. */
export function withErrorTable(readme: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error('README.md has no error-table markers');
	return `${readme.slice(0, start + START.length)}\n${renderErrorTable()}\n${readme.slice(end)}`;
}
