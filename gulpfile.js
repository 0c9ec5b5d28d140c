// Copies what n8n reads beside the compiled node and credential and tsc does not emit: the `file:`
// icons, which sit beside the files naming them (n8n's lint checks that they resolve there), and the
// node's codex (<Node>.node.json: categories and documentation links).
const { src, dest, parallel } = require('gulp');

const copyNodeFiles = () => src('nodes/**/*.{svg,node.json}').pipe(dest('dist/nodes'));
const copyCredentialIcons = () => src('credentials/*.svg').pipe(dest('dist/credentials'));

exports['build:icons'] = parallel(copyNodeFiles, copyCredentialIcons);
