/** `npm run docs`, after operationList.js: rewrites README's generated parts. */
import * as fs from 'fs';
import * as path from 'path';
import { errorTable } from './errorTable';
import { operationTable } from './operationTable';
import { withSection } from './section';

// Runs compiled, from .cache/build/scripts/docs/.
const file = path.join(__dirname, '../../../../README.md');
const readme = [operationTable, errorTable].reduce(withSection, fs.readFileSync(file, 'utf8'));
fs.writeFileSync(file, readme);
console.log('README.md operation and error tables updated');
