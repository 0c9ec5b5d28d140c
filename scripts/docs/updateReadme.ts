/** `npm run docs`: rewrites README's generated parts. */
import * as fs from 'fs';
import * as path from 'path';
import { withErrorTable } from './errorTable';

// Runs compiled, from .cache/build/scripts/docs/.
const file = path.join(__dirname, '../../../../README.md');
fs.writeFileSync(file, withErrorTable(fs.readFileSync(file, 'utf8')));
console.log('README.md error table updated');
