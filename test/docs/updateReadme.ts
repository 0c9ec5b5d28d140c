/** `npm run docs`: rewrites README's generated parts. */
import * as fs from 'fs';
import * as path from 'path';
import { withErrorTable } from './errorTable';

const file = path.join(__dirname, '../../../../README.md');
fs.writeFileSync(file, withErrorTable(fs.readFileSync(file, 'utf8')));
console.log('README.md error table updated');
