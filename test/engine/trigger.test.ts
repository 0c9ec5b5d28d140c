/**
 * The Mercado Pago Trigger's webhook in n8n-core's engine (test/harness/webhook.ts), fed by
 * the sandbox's notifier, reading from the sandbox: every path a notification can take.
 */
import { v5 as uuidv5 } from 'uuid';
import type { IDataObject } from 'n8n-workflow';
import { SECRET, startTrigger, type StartedTrigger, type TriggerRun } from '../harness/mercadoPagoTrigger';
import { useSandbox } from '../harness/useSandbox';
import { Notifier, type Delivery, type DeliveryResult } from '../sandbox/notifier';

const sandbox = useSandbox();

/** The package's namespace and the key's derivation, written out as docs/trigger.md documents them. */
const NAMESPACE = '963cafe2-bcb0-4e5e-a14a-9ca6459cc2b1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const started: StartedTrigger[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map(({ server }) => server.close()));
});

async function trigger(run: TriggerRun = {}): Promise<StartedTrigger> {
	const t = await startTrigger(sandbox(), run);
	started.push(t);
	return t;
}

/** What each execution's trigger node handed on, once they have all finished. */
async function itemsOf({ server }: StartedTrigger): Promise<IDataObject[]> {
	const runs = await server.settled();
	for (const run of runs) expect(run.status).toBe('success');
	return runs.map((run) => {
		const [output] = run.data.resultData.runData['Mercado Pago Trigger'][0].data!.main;
		expect(output).toHaveLength(1);
		return output![0].json;
	});
}

/** Requests the trigger made to the sandbox (every one a read of an object). */
const reads = () => sandbox().requests.filter((r) => r.route !== 'unknown');

function json(result: DeliveryResult): IDataObject {
	return JSON.parse(result.body) as IDataObject;
}

describe('a signed notification of a selected topic', () => {
	it('starts one execution with the event, the payment as Mercado Pago has it now, and a delivery key', async () => {
		const payment = sandbox().addPayment({ status: 'rejected' });
		const t = await trigger({ events: ['payment'] });
		const n = t.notifier.notification('payment', String(payment.id), { action: 'payment.updated' });
		const delivery = t.notifier.signed(n);
		const answer = await t.notifier.send(delivery);

		expect(answer).toMatchObject({ status: 200, body: '' });
		const [item] = await itemsOf(t);
		expect(item).toEqual({
			event: {
				id: String(n.id),
				type: 'payment',
				action: 'payment.updated',
				dataId: String(payment.id),
				liveMode: false,
				dateCreated: n.date_created,
				userId: '123456789',
				requestId: delivery.headers['x-request-id'],
				verified: true,
				data: { id: String(payment.id) },
			},
			resource: payment,
			deliveryKey: uuidv5(`mercadopago-notification:${n.id}:payment:payment.updated:${payment.id}:123456789`, NAMESPACE),
		});
		expect(reads().map((r) => r.rawPath)).toEqual([`/v1/payments/${payment.id}`]);
		expect(reads()[0].authorization).toBe(true);
	});

	it('notifications arriving together share one read of the credential (each read is a query to n8n\'s database)', async () => {
		const payments = Array.from({ length: 20 }, () => sandbox().addPayment());
		const t = await trigger({ events: ['payment'] });
		const before = t.server.credentialReads;
		const answers = await t.notifier.burst(payments.map((p) => t.notifier.signed(t.notifier.notification('payment', String(p.id)))));
		expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
		expect((await itemsOf(t)).map((item) => item.resource)).toEqual(expect.arrayContaining(payments));
		expect(t.server.credentialReads - before).toBe(1);
	});

	it.each(['subscription_preapproval', 'subscription_authorized_payment', 'subscription_preapproval_plan'] as const)(
		'%s: reads the object it names',
		async (type) => {
			const subscription = sandbox().addSubscription({ status: 'paused' });
			const objects = {
				subscription_preapproval: subscription,
				subscription_authorized_payment: sandbox().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'rejected' }),
				subscription_preapproval_plan: sandbox().addPlan(),
			};
			const object = objects[type];
			const t = await trigger({ events: [type] });
			await t.notifier.send(t.notifier.signed(t.notifier.notification(type, String(object.id))));
			const [item] = await itemsOf(t);
			expect(item.resource).toEqual(object);
			expect(item.error).toBeUndefined();
		},
	);

	it("a renewal charge's notification gives its subscription and the rejected payment", async () => {
		const subscription = sandbox().addSubscription();
		const charge = sandbox().addAuthorizedPayment({ preapproval_id: subscription.id, payment_status: 'rejected', retry_attempt: 2 });
		const t = await trigger({ events: ['subscription_authorized_payment'] });
		await t.notifier.send(t.notifier.signed(t.notifier.notification('subscription_authorized_payment', String(charge.id))));
		const [item] = await itemsOf(t);
		expect(item.resource).toMatchObject({ preapproval_id: subscription.id, retry_attempt: 2, payment: { status: 'rejected' } });
		expect(sandbox().authorizedPaymentsOf(subscription.id).map((c) => c.id)).toEqual([charge.id]);
	});

	it('payment_profile: reads the profile when the notification names its customer and id, else gives resource null and no error', async () => {
		const customer = sandbox().addCustomer();
		const profile = sandbox().addProfile(customer.id);
		const t = await trigger({ events: ['payment_profile'] });
		const named = t.notifier.notification('payment_profile', profile.id, { data: { id: profile.id, customer_id: customer.id } });
		const bare = t.notifier.notification('payment_profile', profile.id);
		await t.notifier.send(t.notifier.signed(named));
		await t.notifier.send(t.notifier.signed(bare));
		const [withIds, withoutCustomer] = await itemsOf(t);
		expect(withIds.resource).toEqual(profile);
		expect(withoutCustomer).toMatchObject({ resource: null, event: { dataId: profile.id } });
		expect(withoutCustomer.error).toBeUndefined();
		expect(reads()).toHaveLength(1);
	});

	it("automatic-payments (Card Updater): no data.id to sign, the customer read, the cards in event.data", async () => {
		const customer = sandbox().addCustomer({ email: 'card@example.com' });
		const t = await trigger({ events: ['automatic-payments'] });
		const data = { customer_id: customer.id, new_card_id: 50000102202, old_card_id: 50000006036 };
		const n = t.notifier.notification('automatic-payments', undefined, { action: 'card.updated', data });
		const delivery = t.notifier.signed(n);
		expect(delivery.url).not.toContain('data.id');
		expect((await t.notifier.send(delivery)).status).toBe(200);
		const [item] = await itemsOf(t);
		expect(item).toMatchObject({ event: { type: 'automatic-payments', action: 'card.updated', dataId: null, data, verified: true }, resource: customer });
	});

	it('a topic the node cannot read (with Any Topic): resource null and no error, nothing read', async () => {
		const t = await trigger({ events: ['any'] });
		await t.notifier.send(t.notifier.signed(t.notifier.notification('topic_merchant_order_wh', '123')));
		const [item] = await itemsOf(t);
		expect(item).toMatchObject({ event: { type: 'topic_merchant_order_wh', dataId: '123' }, resource: null });
		expect(item.error).toBeUndefined();
		expect(reads()).toEqual([]);
	});

	it('Read the Object off: resource null, nothing read', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'], options: { resolve: false } });
		await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id))));
		const [item] = await itemsOf(t);
		expect(item.resource).toBeNull();
		expect(item.error).toBeUndefined();
		expect(reads()).toEqual([]);
	});

	it('the object read is the signed data.id of the query string, also when the body carries none', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'] });
		const n = t.notifier.notification('payment', String(payment.id));
		const delivery = t.notifier.signed(n);
		const answer = await t.notifier.send({ ...delivery, body: JSON.stringify({ ...n, data: {} }) });
		expect(answer.status).toBe(200);
		const [item] = await itemsOf(t);
		expect(item).toMatchObject({ event: { dataId: String(payment.id), verified: true, data: {} }, resource: payment });
	});

	it('a ts in milliseconds verifies as well as one in seconds', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'], options: { timestampTolerance: 300 } });
		const millis = new Notifier({ url: t.server.url, secret: SECRET, tsUnit: 'milliseconds' });
		const answers = await t.notifier.burst([
			t.notifier.signed(t.notifier.notification('payment', String(payment.id))),
			millis.signed(millis.notification('payment', String(payment.id))),
		]);
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(await itemsOf(t)).toHaveLength(2);
	});
});

describe('notifications that are refused: 401, nothing started, nothing read', () => {
	const refusedBy = async (t: StartedTrigger, delivery: Delivery, reason: RegExp) => {
		const answer = await t.notifier.send(delivery);
		expect(answer.status).toBe(401);
		expect(json(answer)).toEqual({ received: false, reason: expect.stringMatching(reason) });
		expect(t.server.executions).toEqual([]);
		expect(reads()).toEqual([]);
	};

	it.each([
		['signed with another secret', (n: Notifier, id: string) => n.wrongSecret(n.notification('payment', id)), /does not match/],
		['without x-signature', (n: Notifier, id: string) => n.unsigned(n.notification('payment', id)), /No x-signature/],
		['with a malformed x-signature', (n: Notifier, id: string) => n.malformed(n.notification('payment', id)), /not "ts=/],
		['an IPN call', (n: Notifier, id: string) => n.ipn('payment', id), /No x-signature/],
		['a genuine signature, the body naming another object', (n: Notifier, id: string) => n.otherObject(n.notification('payment', id), '999'), /another object/],
	])('%s', async (_kind, make, reason) => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'] });
		await refusedBy(t, make(t.notifier, String(payment.id)), reason);
	});

	it('the signature is checked over the query\'s data.id exactly as sent: another case of the same id does not match', async () => {
		const t = await trigger({ events: ['any'] });
		const n = t.notifier.notification('subscription_preapproval', '2c9380848ABC');
		const delivery = t.notifier.signed(n);
		const lowered = { ...delivery, url: delivery.url.replace('2c9380848ABC', '2c9380848abc'), body: JSON.stringify({ ...n, data: { id: '2c9380848abc' } }) };
		await refusedBy(t, lowered, /does not match/);
	});

	it("a captured genuine delivery reshaped into an IPN call naming another object (?topic=…&id=…): refused, the other object never read", async () => {
		const [signedFor, other] = [sandbox().addPayment(), sandbox().addPayment()];
		const t = await trigger({ events: ['payment'] });
		const genuine = t.notifier.signed(t.notifier.notification('payment', String(signedFor.id)));
		const url = new URL(genuine.url);
		url.searchParams.delete('type');
		url.searchParams.set('topic', 'payment');
		url.searchParams.set('id', String(other.id));
		await refusedBy(t, { ...genuine, url: url.toString(), body: undefined }, /another object/);
	});

	it('a forged notification is refused even for a topic the workflow does not select', async () => {
		const t = await trigger({ events: ['subscription_preapproval'] });
		await refusedBy(t, t.notifier.wrongSecret(t.notifier.notification('payment', '1')), /does not match/);
	});

	it('with a Timestamp Tolerance, a signed notification older than it is refused; a fresh one is not', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'], options: { timestampTolerance: 3600 } });
		await refusedBy(t, t.notifier.stale(t.notifier.notification('payment', String(payment.id)), 2 * 3600), /Timestamp Tolerance/);
		expect((await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id))))).status).toBe(200);
		expect(await itemsOf(t)).toHaveLength(1);
	});

	it('a forged notification with a stale ts is a mismatch, not a tolerance problem', async () => {
		const t = await trigger({ events: ['payment'], options: { timestampTolerance: 3600 } });
		const n = t.notifier.notification('payment', '1');
		const forged = t.notifier.stale(n, 2 * 3600);
		const other = new Notifier({ url: t.server.url, secret: 'another-secret' });
		await refusedBy(t, { ...forged, headers: other.stale(n, 2 * 3600).headers }, /does not match/);
	});
});

describe('the timestamp tolerance default: no limit', () => {
	it('a signed notification whose ts is two days old starts the workflow (a redelivery may keep its first ts)', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'] });
		const answer = await t.notifier.send(t.notifier.stale(t.notifier.notification('payment', String(payment.id)), 2 * 24 * 3600));
		expect(answer.status).toBe(200);
		const [item] = await itemsOf(t);
		expect(item).toMatchObject({ event: { verified: true }, resource: payment });
	});
});

describe('without a secret signature in the credential', () => {
	it('publishing fails, saying what to set, unless unsigned notifications are accepted', async () => {
		const t = await trigger({ secret: '', activate: false });
		await expect(t.server.activate()).rejects.toThrow(
			'The credential has no Secret Signature, and the trigger does not accept unsigned notifications',
		);
		const accepting = await trigger({ secret: '', acceptUnsigned: true, activate: false });
		await expect(accepting.server.activate()).resolves.toBeUndefined();
		await expect(accepting.server.deactivate()).resolves.toBe(true);
	});

	it('a call that reaches it anyway gets 401 and starts nothing', async () => {
		const t = await trigger({ secret: '', activate: false });
		const answer = await t.notifier.send(t.notifier.unsigned(t.notifier.notification('payment', '1')));
		expect(answer.status).toBe(401);
		expect(json(answer).reason).toBe('The credential has no Secret Signature, and the trigger does not accept unsigned notifications');
		expect(t.server.executions).toEqual([]);
	});

	it('Accept Unsigned Notifications: unsigned and IPN calls start the workflow, marked unverified, the object read', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ secret: '', acceptUnsigned: true, events: ['payment'] });
		const answers: DeliveryResult[] = [];
		for (const delivery of [
			t.notifier.unsigned(t.notifier.notification('payment', String(payment.id))),
			t.notifier.ipn('payment', String(payment.id)),
			t.notifier.ipn('merchant_order', '77'),
		]) {
			answers.push(await t.notifier.send(delivery));
		}
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
		expect(json(answers[2]).reason).toMatch(/not among the trigger's Events/);
		const [unsigned, ipn] = await itemsOf(t);
		expect(unsigned).toMatchObject({ event: { verified: false, type: 'payment' }, resource: payment });
		expect(ipn).toEqual({
			event: { id: null, type: 'payment', action: null, dataId: String(payment.id), liveMode: null, dateCreated: null, userId: null, requestId: null, verified: false, data: null },
			resource: payment,
			deliveryKey: uuidv5(`mercadopago-ipn:payment:${payment.id}`, NAMESPACE),
		});
	});

	it('a secret in the credential takes precedence over Accept Unsigned Notifications', async () => {
		const t = await trigger({ acceptUnsigned: true, events: ['payment'] });
		const answer = await t.notifier.send(t.notifier.unsigned(t.notifier.notification('payment', '1')));
		expect(answer.status).toBe(401);
		expect(t.server.executions).toEqual([]);
	});
});

describe('topics the workflow does not select', () => {
	it('are answered 200 and start nothing, read nothing', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['subscription_preapproval', 'subscription_authorized_payment'] });
		const answer = await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id))));
		expect(answer.status).toBe(200);
		expect(json(answer)).toEqual({ received: true, started: false, reason: "Its topic is not among the trigger's Events" });
		expect(t.server.executions).toEqual([]);
		expect(reads()).toEqual([]);
	});
});

describe('redeliveries and the delivery key', () => {
	it('a redelivery, signed anew or with the same headers, has the same key; another notification about the same object does not', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'] });
		const n = t.notifier.notification('payment', String(payment.id), { action: 'payment.created' });
		const first = t.notifier.signed(n);
		await t.notifier.send(first);
		await t.notifier.send(t.notifier.redelivery(first, { fresh: true }));
		await t.notifier.send(t.notifier.redelivery(first, { fresh: false }));
		await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id), { action: 'payment.updated' })));
		const keys = (await itemsOf(t)).map((item) => item.deliveryKey as string);
		expect(keys).toHaveLength(4);
		for (const key of keys) expect(key).toMatch(UUID);
		expect(new Set(keys.slice(0, 3)).size).toBe(1);
		expect(keys[3]).not.toBe(keys[0]);
	});

	it('Drop Redeliveries: the redeliveries of a notification start nothing, answered 200; new notifications still start', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'], options: { dropRedeliveries: true } });
		const first = t.notifier.signed(t.notifier.notification('payment', String(payment.id)));
		await t.notifier.send(first);
		const again = await t.notifier.burst([t.notifier.redelivery(first, { fresh: true }), t.notifier.redelivery(first, { fresh: false })]);
		expect(again.map((a) => [a.status, json(a).reason])).toEqual([
			[200, 'This n8n process already started the workflow for this notification (Drop Redeliveries)'],
			[200, 'This n8n process already started the workflow for this notification (Drop Redeliveries)'],
		]);
		await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id))));
		expect(await itemsOf(t)).toHaveLength(2);
		expect(reads()).toHaveLength(2);
	});

	it('Drop Redeliveries: a redelivery arriving while the first delivery is handled gets 409, to come again; then it is dropped', async () => {
		const payment = sandbox().addPayment();
		sandbox().latencyMs = 200;
		const t = await trigger({ events: ['payment'], options: { dropRedeliveries: true } });
		const first = t.notifier.signed(t.notifier.notification('payment', String(payment.id)));
		const redelivery = t.notifier.redelivery(first, { fresh: true });
		const answers = await t.notifier.burst([first, redelivery]);
		expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
		const busy = answers.find((a) => a.status === 409)!;
		expect(json(busy).reason).toBe('Another delivery of this notification is being handled right now (Drop Redeliveries): deliver it again later');
		const later = await t.notifier.send(busy.delivery);
		expect([later.status, json(later).reason]).toEqual([200, 'This n8n process already started the workflow for this notification (Drop Redeliveries)']);
		expect(await itemsOf(t)).toHaveLength(1);
	});

	it('Drop Redeliveries: a delivery n8n failed to start (500) is not remembered, so its redelivery starts the workflow', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ events: ['payment'], options: { dropRedeliveries: true } });
		const first = t.notifier.signed(t.notifier.notification('payment', String(payment.id)));
		t.server.failNextStarts(1);
		expect((await t.notifier.send(first)).status).toBe(500);
		expect(t.server.executions).toEqual([]);
		expect((await t.notifier.send(t.notifier.redelivery(first, { fresh: true }))).status).toBe(200);
		expect((await t.notifier.send(t.notifier.redelivery(first, { fresh: true }))).body).toMatch(/already started/);
		expect(await itemsOf(t)).toHaveLength(1);
	});

	it("Drop Redeliveries: each workflow, and a workflow's Test URL, keeps its own memory", async () => {
		const payment = sandbox().addPayment();
		const options = { dropRedeliveries: true };
		const one = await trigger({ events: ['payment'], options, workflowId: 'wf-one' });
		const two = await trigger({ events: ['payment'], options, workflowId: 'wf-two' });
		const test = await trigger({ events: ['payment'], options, workflowId: 'wf-one', mode: 'manual' });
		expect(test.server.url).toContain('/webhook-test/');
		const n = one.notifier.notification('payment', String(payment.id));
		for (const t of [one, two, test]) {
			const delivery = new Notifier({ url: t.server.url, secret: SECRET }).signed(n);
			expect((await t.notifier.send(delivery)).status).toBe(200);
		}
		for (const t of [one, two, test]) expect(await itemsOf(t)).toHaveLength(1);
	});

	it('Drop Redeliveries does not drop IPN calls: they have no id of their own to tell a repeat from news', async () => {
		const payment = sandbox().addPayment();
		const t = await trigger({ secret: '', acceptUnsigned: true, events: ['payment'], options: { dropRedeliveries: true } });
		await t.notifier.send(t.notifier.ipn('payment', String(payment.id)));
		await t.notifier.send(t.notifier.ipn('payment', String(payment.id)));
		const items = await itemsOf(t);
		expect(items).toHaveLength(2);
		expect(items[0].deliveryKey).toBe(items[1].deliveryKey);
	});
});

describe('a read that fails still starts the workflow: resource null, error with the catalogue\'s code', () => {
	const failedRead = async (run: TriggerRun, dataId: string, type = 'payment') => {
		const t = await trigger({ events: [type], ...run });
		const answer = await t.notifier.send(t.notifier.signed(t.notifier.notification(type, dataId)));
		expect(answer.status).toBe(200);
		const items = await itemsOf(t);
		expect(items).toHaveLength(1);
		expect(items[0].resource).toBeNull();
		return items[0].error as IDataObject;
	};

	it('an unknown payment: resource_not_found', async () => {
		const error = await failedRead({}, '424242');
		expect(error).toMatchObject({ code: 'resource_not_found', httpStatus: 404, retryable: false, attempts: 1, message: 'The payment was not found' });
		expect(error.description).toEqual(expect.any(String));
	});

	it('Mercado Pago failing: internal_server_error after the retries', async () => {
		const payment = sandbox().addPayment();
		sandbox().inject({ kind: 'status', status: 503, times: 3, match: { route: 'payment' } });
		const error = await failedRead({}, String(payment.id));
		expect(error).toMatchObject({ code: 'internal_server_error', httpStatus: 503, retryable: true, attempts: 3 });
	});

	it('a read that hangs: timeout once the Read Time Limit is spent', async () => {
		const payment = sandbox().addPayment();
		sandbox().inject({ kind: 'hang', times: 10, match: { route: 'payment' } });
		const error = await failedRead({ options: { readTimeLimit: 1 } }, String(payment.id));
		expect(error).toMatchObject({ code: 'timeout', httpStatus: null, retryable: true });
		expect(error.message).toBe(
			"Mercado Pago did not answer in time and the retries ran out: The read did not finish within the trigger's 1-second limit, kept so Mercado Pago gets its answer in time",
		);
	});

	it("another object in the answer, or a proxy's page: unexpected_response", async () => {
		const payment = sandbox().addPayment();
		const other = sandbox().addPayment();
		sandbox().inject({ kind: 'status', status: 200, body: other, match: { route: 'payment' } });
		expect(await failedRead({}, String(payment.id))).toMatchObject({ code: 'unexpected_response', httpStatus: 200, retryable: false });
		sandbox().inject({ kind: 'status', status: 200, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html' }, match: { route: 'payment' } });
		expect(await failedRead({}, String(payment.id))).toMatchObject({ code: 'unexpected_response' });
	});

	it('a token Mercado Pago refuses: unauthorized_access_token, and the token appears nowhere', async () => {
		const payment = sandbox().addPayment();
		const token = 'APP_USR-revoked-token-0000';
		const t = await trigger({ events: ['payment'], token });
		await t.notifier.send(t.notifier.signed(t.notifier.notification('payment', String(payment.id))));
		const [item] = await itemsOf(t);
		expect(item.error).toMatchObject({ code: 'unauthorized_access_token', httpStatus: 401 });
		expect(JSON.stringify(await t.server.settled())).not.toContain(token);
	});

	it('a credential the node cannot use: invalid_credential, nothing sent', async () => {
		const payment = sandbox().addPayment();
		const error = await failedRead({ token: 'APP_USR-line\nbreak' }, String(payment.id));
		expect(error).toMatchObject({ code: 'invalid_credential', attempts: 0 });
		expect(reads()).toEqual([]);
	});

	it('an id that cannot be one path segment: invalid_input, nothing sent', async () => {
		const error = await failedRead({}, '..', 'subscription_preapproval');
		expect(error).toMatchObject({ code: 'invalid_input', attempts: 0, message: 'The input of this item is not valid, so nothing was sent: data.id cannot be ".."' });
		expect(reads()).toEqual([]);
	});
});

describe('a burst of mixed notifications at once', () => {
	it('starts exactly the genuine selected ones, refuses the rest, and reads each started one once', async () => {
		const payments = Array.from({ length: 20 }, () => sandbox().addPayment({ status: 'rejected' }));
		const subscription = sandbox().addSubscription();
		const t = await trigger({ events: ['payment'], options: { timestampTolerance: 3600 } });
		const { notifier } = t;
		const genuine = payments.map((p) => notifier.signed(notifier.notification('payment', String(p.id))));
		const deliveries = [
			...genuine,
			...payments.slice(0, 5).map((p) => notifier.wrongSecret(notifier.notification('payment', String(p.id)))),
			...payments.slice(0, 5).map((p) => notifier.stale(notifier.notification('payment', String(p.id)))),
			...payments.slice(0, 5).map((p) => notifier.unsigned(notifier.notification('payment', String(p.id)))),
			...payments.slice(0, 5).map((p) => notifier.ipn('payment', String(p.id))),
			notifier.signed(notifier.notification('subscription_preapproval', subscription.id)),
			...genuine.slice(0, 5).map((d) => notifier.redelivery(d, { fresh: true })),
		];
		const answers = await notifier.burst(deliveries);
		const byStatus = (status: number) => answers.filter((a) => a.status === status).map((a) => a.delivery.kind);
		expect(byStatus(401).sort()).toEqual([...Array(5).fill('ipn'), ...Array(5).fill('stale'), ...Array(5).fill('unsigned'), ...Array(5).fill('wrongSecret')]);
		expect(byStatus(200)).toHaveLength(26);
		const items = await itemsOf(t);
		expect(items).toHaveLength(25);
		expect(new Set(items.map((i) => i.deliveryKey)).size).toBe(20);
		expect(items.every((i) => (i.resource as IDataObject).status === 'rejected')).toBe(true);
		expect(reads()).toHaveLength(25);
	});
});
