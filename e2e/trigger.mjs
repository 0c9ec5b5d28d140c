/**
 * The Mercado Pago Trigger end to end, for `npm run test:e2e` and `npm run test:queue`: a
 * published workflow holding the trigger, a burst of notifications of every kind (the
 * sandbox's notifier, test/sandbox/notifier.ts), and what n8n made of them, read back through
 * its REST API.
 */
import { CREDENTIAL_ID, CREDENTIAL_NAME, TRIGGER_TYPE, getExecution, listExecutions } from './lib.mjs';

export const TRIGGER_NODE = 'Mercado Pago Trigger';
/** The topics the burst's workflows select. */
export const SELECTED = ['payment', 'subscription_preapproval', 'subscription_authorized_payment'];

/** A burst of 300 notifications at once, by kind. */
export const BURST = {
	genuine: 150, // 50 per selected topic, signed right
	freshRedeliveries: 30, // genuine ones again, signed anew
	sameRedeliveries: 10, // genuine ones again, their very headers
	forged: 25, // signed with another secret
	stale: 20, // signed right two hours ago; the workflows' tolerance is one hour
	unsigned: 20,
	ipn: 10,
	malformed: 10,
	unselected: 25, // signed right, topics the workflows do not select
};

/** A workflow: the trigger for the SELECTED topics with a one-hour tolerance, then a node taking what it hands on. */
export function triggerWorkflow({ id, name, webhookId, options = {} }) {
	return {
		id,
		name,
		nodes: [
			{
				parameters: { events: SELECTED, options: { timestampTolerance: 3600, ...options } },
				id: `${webhookId.slice(0, 24)}000000000001`,
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				credentials: { mercadoPagoApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
			{ parameters: {}, id: `${webhookId.slice(0, 24)}000000000002`, name: 'Handle the notification', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0] },
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Handle the notification', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The objects the genuine notifications name (50 per selected topic), and plans for the unselected ones. */
export function seedBurstObjects(sandbox) {
	const per = BURST.genuine / SELECTED.length;
	const subscriptions = Array.from({ length: per }, () => sandbox.addSubscription());
	return {
		payment: Array.from({ length: per }, () => String(sandbox.addPayment({ status: 'rejected' }).id)),
		subscription_preapproval: subscriptions.map((s) => s.id),
		subscription_authorized_payment: subscriptions.map((s) => String(sandbox.addAuthorizedPayment({ preapproval_id: s.id, payment_status: 'rejected' }).id)),
		plans: Array.from({ length: BURST.unselected }, () => sandbox.addPlan().id),
	};
}

/** A fixed shuffle (mulberry32), so every run interleaves the kinds the same way. */
function shuffled(list, seed) {
	let a = seed;
	const random = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** BURST's deliveries, interleaved; `refusedIds` are the notification ids that must never start anything. */
export function mixedBurst(notifier, objects, seed = 1) {
	const genuine = SELECTED.flatMap((type) => objects[type].map((id) => notifier.signed(notifier.notification(type, id))));
	const some = (n, make) => Array.from({ length: n }, (_, i) => make(i));
	const payment = (i) => notifier.notification('payment', objects.payment[i % objects.payment.length]);
	const refused = [
		...some(BURST.forged, (i) => notifier.wrongSecret(payment(i))),
		...some(BURST.stale, (i) => notifier.stale(payment(i), 2 * 3600)),
		...some(BURST.unsigned, (i) => notifier.unsigned(payment(i))),
		...some(BURST.ipn, (i) => notifier.ipn('payment', objects.payment[i])),
		...some(BURST.malformed, (i) => notifier.malformed(payment(i))),
	];
	const deliveries = [
		...genuine,
		...some(BURST.freshRedeliveries, (i) => notifier.redelivery(genuine[i * 5], { fresh: true })),
		...some(BURST.sameRedeliveries, (i) => notifier.redelivery(genuine[i * 5 + 1], { fresh: false })),
		...refused,
		...some(BURST.unselected, (i) =>
			i % 2 ? notifier.signed(notifier.notification('subscription_preapproval_plan', objects.plans[i])) : notifier.signed(notifier.notification('automatic-payments', undefined, { action: 'card.updated', data: { customer_id: 'x' } })),
		),
	];
	return {
		deliveries: shuffled(deliveries, seed),
		genuineIds: new Set(genuine.map((d) => String(d.notification.id))),
		refusedIds: new Set(refused.filter((d) => d.notification).map((d) => String(d.notification.id))),
	};
}

/** An answer Mercado Pago does not take for an acknowledgement or a refusal: it delivers again. */
const deliverAgain = (r) => r.status === 0 || r.status === 409 || r.status >= 500;

/** Sends `list` with at most `concurrency` in flight; the answers in order. */
async function sendSpread(notifier, list, concurrency) {
	const answers = new Array(list.length);
	let next = 0;
	const lane = async () => {
		while (next < list.length) {
			const i = next++;
			answers[i] = await notifier.send(list[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, lane));
	return answers;
}

/**
 * Sends every delivery at once, then, as Mercado Pago does, delivers again each one answered
 * 409, 5xx or not at all (an n8n overloaded by the burst answers 503 or 500). Mercado Pago
 * redelivers each on its own clock, 15 minutes later, not all together: here `concurrency` at a
 * time, `pauseMs` after each round, until none is left or `rounds` are spent (a round that sent
 * them all at once again would meet the overload it is retrying). `first` is what the burst
 * itself was answered. `atOnce` sends the first deliveries that many at a time instead of all.
 */
export async function deliverLikeMercadoPago(notifier, deliveries, { rounds = 8, pauseMs = 10_000, concurrency = 20, atOnce } = {}) {
	const first = atOnce ? await sendSpread(notifier, deliveries, atOnce) : await notifier.burst(deliveries);
	const final = [...first];
	const attempts = deliveries.map(() => 1);
	const resent = [];
	for (let round = 0; round < rounds; round++) {
		const again = final.map((r, i) => i).filter((i) => deliverAgain(final[i]));
		if (again.length === 0) break;
		resent.push({ count: again.length, answers: countBy(again.map((i) => final[i].status)) });
		await new Promise((r) => setTimeout(r, pauseMs));
		const answers = await sendSpread(notifier, again.map((i) => deliveries[i]), concurrency);
		again.forEach((i, k) => {
			final[i] = answers[k];
			attempts[i]++;
		});
	}
	return { first, final, attempts, resent };
}

function countBy(values) {
	const counts = {};
	for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
	return counts;
}

/** A delivery's kind for the counts: a signed one is genuine when its topic is selected. */
function kindOf(delivery) {
	if (delivery.kind !== 'signed' || !delivery.notification) return delivery.kind;
	return SELECTED.includes(delivery.notification.type) ? 'rightSignature' : 'unselectedTopic';
}

/** p50, p99 and max of `ms`, rounded; {} for none. */
function quantiles(ms) {
	if (ms.length === 0) return {};
	const sorted = [...ms].sort((a, b) => a - b);
	const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
	return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1)) };
}

/**
 * Per kind: how many were sent and what they were answered; how many were acknowledged (2xx),
 * refused (401), dropped as redeliveries (200 saying so) or told to come again (409); and the
 * time to each answer in ms: `ackMs` over the 2xx, `refusedMs` over the 401, `allMs` over all.
 */
export function tally(results) {
	const byKind = {};
	for (const { delivery, status } of results) {
		const entry = (byKind[kindOf(delivery)] ??= { sent: 0, answered: {} });
		entry.sent++;
		entry.answered[status] = (entry.answered[status] ?? 0) + 1;
	}
	const acknowledged = results.filter((r) => r.status >= 200 && r.status < 300);
	const refused = results.filter((r) => r.status === 401);
	return {
		sent: results.length,
		byKind,
		acknowledged: acknowledged.length,
		refused: refused.length,
		droppedAsRedelivery: acknowledged.filter((r) => /already started/.test(r.body)).length,
		comeAgain409: results.filter((r) => r.status === 409).length,
		ackMs: quantiles(acknowledged.map((r) => r.ms)),
		refusedMs: quantiles(refused.map((r) => r.ms)),
		allMs: quantiles(results.map((r) => r.ms)),
	};
}

/** One line a person reads in the test output: what a burst sent, and what n8n made of it. */
export function describeBurst(label, { first, final, executions }) {
	const kinds = Object.entries(first.byKind).map(([kind, { sent }]) => `${kind} ${sent}`).join(', ');
	const ms = ({ n, p50, p99, max }) => (n ? `${n} in p50 ${p50} / p99 ${p99} / max ${max} ms` : 'none');
	return [
		`${label}: sent ${first.sent} (${kinds})`,
		`executions started ${executions}, refused (401) ${final.refused}, deduplicated (200 already started) ${final.droppedAsRedelivery}, 409 then delivered again ${first.comeAgain409}`,
		`first answers: acknowledged ${ms(first.ackMs)}; refused ${ms(first.refusedMs)}`,
	].join('\n#   ');
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until the workflow has `expected` executions, all finished, and two listings in a row
 * agree: n8n lists running and finished executions by two queries, and one finishing between
 * them is in neither.
 */
export async function finishedExecutions(url, cookie, workflowId, expected, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	let previous;
	for (;;) {
		const all = await listExecutions(url, cookie, workflowId);
		const ids = all.map((e) => e.id).sort().join(',');
		if (all.length >= expected && all.every((e) => FINISHED.has(e.status))) {
			if (ids === previous) return all;
			previous = ids;
		} else previous = undefined;
		if (Date.now() > deadline) {
			throw new Error(`${workflowId}: ${all.length} executions (${all.filter((e) => FINISHED.has(e.status)).length} finished), expected ${expected}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * What the trigger handed to each execution (`item`; undefined for n8n's record of a call it
 * failed before the trigger answered), and the nodes each ran (name -> items of output 0).
 */
export async function triggerItems(url, cookie, executions, triggerNode = TRIGGER_NODE) {
	return await Promise.all(
		executions.map(async ({ id }) => {
			const execution = await getExecution(url, cookie, id);
			const runData = execution.data.resultData.runData;
			const outputs = Object.fromEntries(Object.entries(runData).map(([name, tasks]) => [name, (tasks[0].data?.main?.[0] ?? []).map((i) => i.json)]));
			const item = outputs[triggerNode]?.[0];
			return { id, mode: execution.mode, status: execution.status, item: item?.event ? item : undefined, outputs };
		}),
	);
}
