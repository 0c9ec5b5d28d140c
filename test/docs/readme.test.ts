import * as fs from 'fs';
import * as path from 'path';
import { withErrorTable } from '../../scripts/docs/errorTable';

it('README.md shows the error table of the catalogue (run `npm run docs` after changing a code)', () => {
	const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
	expect(readme).toBe(withErrorTable(readme));
});
