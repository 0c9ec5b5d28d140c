// Copies the node's icons next to the compiled node and credential, where n8n's `file:` icons are resolved.
const { src, dest, parallel } = require('gulp');

const icons = 'icons/*.svg';
const copyNodeIcons = () => src(icons).pipe(dest('dist/nodes/MercadoPago'));
const copyCredentialIcons = () => src(icons).pipe(dest('dist/credentials'));

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);
