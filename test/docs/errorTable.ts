import { ERROR_CATALOGUE } from '../../nodes/MercadoPago/errors/catalogue';

export const START = '<!-- error-table:start (generated from nodes/MercadoPago/errors/catalogue.ts by `npm run docs`) -->';
export const END = '<!-- error-table:end -->';

/** README's error table, rendered from the catalogue so the two cannot drift apart. */
export function renderErrorTable(): string {
	const rows = Object.entries(ERROR_CATALOGUE).map(
		([code, e]) => `| \`${code}\` | ${e.httpStatus ?? '—'} | ${e.retryable ? 'yes' : 'no'} | ${e.message} | ${e.description} |`,
	);
	return [
		'| `code` | HTTP | retryable | message | what to check |',
		'|---|---|---|---|---|',
		...rows,
		'',
		'An answer Mercado Pago does not document keeps the code it sent (for example `idempotency_key_already_used`), or `http_<status>` when it sent none.',
	].join('\n');
}

/** README with the table between its markers replaced. */
export function withErrorTable(readme: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error('README.md has no error-table markers');
	return `${readme.slice(0, start + START.length)}\n${renderErrorTable()}\n${readme.slice(end)}`;
}
