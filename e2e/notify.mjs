/**
 * Sends the trigger examples a Mercado Pago notification while `npm run dev` runs, signed with
 * the dev credential's secret, as Mercado Pago would:
 *
 *   node e2e/notify.mjs third-rejection            # the examples' notifications, by name (below)
 *   node e2e/notify.mjs forged third-rejection     # the same, signed with another secret: refused
 *
 * It reads where to send from notify.json in `npm run dev`'s folder (.cache/dev, or
 * $N8N_DEV_DIR), which `npm run dev` writes once the examples are published.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, notifierModule } from './lib.mjs';
import { NOTIFICATIONS } from './seed.mjs';

const [first, second] = process.argv.slice(2);
const forged = first === 'forged';
const name = forged ? second : first;
const known = NOTIFICATIONS[name];
if (!known) {
	console.error(`usage: node e2e/notify.mjs [forged] <${Object.keys(NOTIFICATIONS).join('|')}>`);
	process.exit(2);
}
const config = JSON.parse(readFileSync(join(resolve(process.env.N8N_DEV_DIR ?? join(ROOT, '.cache', 'dev')), 'notify.json'), 'utf8'));
const { Notifier } = notifierModule();
// Each run is a new notification (its own id); Drop Redeliveries would drop the same one sent twice.
const notifier = new Notifier({ url: config.urls[known.example], secret: config.secret, idBase: Date.now() * 1000 });
const notification = notifier.notification(known.type, known.dataId, { action: 'updated' });
const delivery = forged ? notifier.wrongSecret(notification) : notifier.signed(notification);
const { status, body, ms } = await notifier.send(delivery);
console.log(`POST ${delivery.url}\n  x-signature: ${delivery.headers['x-signature']}\n  x-request-id: ${delivery.headers['x-request-id']}`);
console.log(`→ ${status} in ${Math.round(ms)} ms ${body}`);
