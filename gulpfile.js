// Copies what n8n reads beside the compiled node and credential: the `file:` icons and the node's
// codex (<Node>.node.json: categories and documentation links), which tsc does not emit.
const { src, dest, parallel } = require('gulp');

const icons = 'icons/*.svg';
const copyNodeIcons = () => src(icons).pipe(dest('dist/nodes/MercadoPago'));
const copyCredentialIcons = () => src(icons).pipe(dest('dist/credentials'));
const copyCodex = () => src('nodes/**/*.node.json').pipe(dest('dist/nodes'));

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons, copyCodex);
