import * as fs from 'fs';

// Plain JavaScript, so that `npm run docs` runs it even when the list it rewrites no longer compiles.
const { FILE, render } = require('../../scripts/docs/operationList') as { FILE: string; render(): string };

it('the registry lists every resource and operation file under actions/ (run `npm run docs` after adding one)', () => {
	expect(fs.readFileSync(FILE, 'utf8')).toBe(render());
});
