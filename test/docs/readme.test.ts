import * as fs from 'fs';
import * as path from 'path';
import { errorTable } from '../../scripts/docs/errorTable';
import { operationTable } from '../../scripts/docs/operationTable';
import { withSection } from '../../scripts/docs/section';

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

it.each([
	['the operation table of the registry', operationTable],
	['the error table of the catalogue', errorTable],
])('README.md shows %s (run `npm run docs` after changing one)', (_name, section) => {
	expect(readme).toBe(withSection(readme, section));
});
