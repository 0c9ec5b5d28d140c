/**
 * The sandbox's data: customers, payment profiles and what happened to them.
 * Every lookup a request needs is a Map access or a slice, so big seeds stay fast.
 */
import { randomBytes } from 'node:crypto';
import type {
	AuthorizedPayment,
	Customer,
	NewAuthorizedPayment,
	NewPayment,
	NewPlan,
	NewCustomer,
	NewProfile,
	NewSubscription,
	Payment,
	PaymentProfile,
	Plan,
	SeededCustomer,
	Subscription,
	SubscriptionStatus,
} from './types';

export interface ProfileRecord {
	customerId: string;
	callerId?: string;
	siteId?: string;
	failWith?: string;
	/** The API view, served as-is (copied only when handed to test code). */
	profile: PaymentProfile;
}

interface CustomerRecord {
	customer: Customer;
	/** Insertion order, so list paging is a slice. */
	profiles: ProfileRecord[];
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAlnum(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const b of bytes) out += ALNUM[b % ALNUM.length];
	return out;
}

/** NUL cannot appear in a header-free id pair, so it is a safe separator. */
function pairKey(customerId: string, profileId: string): string {
	return `${customerId}\u0000${profileId}`;
}

export class SandboxState {
	readonly customers = new Map<string, CustomerRecord>();
	/** Customers in insertion order, for a search without email. */
	readonly customerList: Customer[] = [];
	/** Lower-cased email -> customers, for the search endpoint. */
	private readonly byEmail = new Map<string, Customer[]>();
	/** Profile ids are global: that is what lets us tell customer_id_mismatch from not found. */
	readonly profiles = new Map<string, ProfileRecord>();
	private readonly cancels = new Map<string, number>();
	private readonly keys = new Map<string, Set<string>>();
	/** Subscriptions by id, and in insertion order for the search. */
	readonly subscriptions = new Map<string, Subscription>();
	readonly subscriptionList: Subscription[] = [];
	/** Every status change applied to a subscription, in order: what "changed twice" is checked on. */
	private readonly subscriptionChanges = new Map<string, SubscriptionStatus[]>();
	private subscriptionCounter = 0;
	/** Payments, subscription charges and plans by id: the objects notifications name. */
	readonly payments = new Map<string, Payment>();
	readonly authorizedPayments = new Map<string, AuthorizedPayment>();
	/** A subscription's charges in the order they were made, for a search by subscription. */
	private readonly chargesBySubscription = new Map<string, AuthorizedPayment[]>();
	readonly plans = new Map<string, Plan>();
	private objectCounter = 0;
	// Counters are never reset, so ids stay unique across reset() (clients may cache them).
	private profileCounter = 0;
	private emailCounter = 0;

	constructor(private readonly callerId: string) {}

	clear(): void {
		this.customers.clear();
		this.customerList.length = 0;
		this.byEmail.clear();
		this.profiles.clear();
		this.cancels.clear();
		this.keys.clear();
		this.subscriptions.clear();
		this.subscriptionList.length = 0;
		this.subscriptionChanges.clear();
		this.payments.clear();
		this.authorizedPayments.clear();
		this.chargesBySubscription.clear();
		this.plans.clear();
	}

	addCustomer(input: NewCustomer = {}): Customer {
		let id = input.id;
		if (id === undefined) {
			do id = `${this.callerId}-${randomAlnum(14)}`;
			while (this.customers.has(id));
		} else if (this.customers.has(id)) {
			throw new Error(`sandbox: customer ${id} already exists`);
		}
		const now = new Date().toISOString();
		const n = ++this.emailCounter;
		const customer: Customer = {
			id,
			email: input.email ?? `customer${n}@sandbox.test`,
			first_name: input.first_name ?? 'Test',
			last_name: input.last_name ?? `Customer ${n}`,
			phone: { area_code: null, number: null },
			identification: { type: null, number: null },
			date_created: now,
			date_last_updated: now,
			live_mode: false,
			metadata: {},
		};
		this.customers.set(id, { customer, profiles: [] });
		this.customerList.push(customer);
		const emailKey = customer.email.toLowerCase();
		const sameEmail = this.byEmail.get(emailKey);
		if (sameEmail) sameEmail.push(customer);
		else this.byEmail.set(emailKey, [customer]);
		return customer;
	}

	addProfile(customerId: string, input: NewProfile = {}): ProfileRecord {
		const owner = this.customers.get(customerId);
		if (!owner) throw new Error(`sandbox: unknown customer ${customerId}`);
		let id = input.id;
		if (id === undefined) {
			do id = String(7_000_000_000 + ++this.profileCounter);
			while (this.profiles.has(id));
		} else if (this.profiles.has(id)) {
			throw new Error(`sandbox: payment profile ${id} already exists`);
		}
		const now = new Date().toISOString();
		const record: ProfileRecord = {
			customerId,
			callerId: input.callerId,
			siteId: input.siteId,
			failWith: input.failWith,
			profile: {
				id,
				created_date: now,
				last_updated_date: now,
				description: input.description ?? `Subscription ${id}`,
				max_day_overdue: 3,
				statement_descriptor: 'SANDBOX',
				status: input.status ?? 'READY',
				sequence_control: 'AUTO',
				payment_methods: [
					{
						payment_method_id: 'visa',
						id: `pm-${id}`,
						type: 'credit_card',
						card_id: String(9_000_000_000 + this.profileCounter),
						status: 'READY',
						default_method: true,
					},
				],
			},
		};
		this.profiles.set(id, record);
		owner.profiles.push(record);
		return record;
	}

	seed(nCustomers: number, profilesPerCustomer: number): SeededCustomer[] {
		const out: SeededCustomer[] = [];
		for (let i = 0; i < nCustomers; i++) {
			const customer = this.addCustomer();
			const profiles: PaymentProfile[] = [];
			for (let j = 0; j < profilesPerCustomer; j++) profiles.push(this.addProfile(customer.id).profile);
			out.push({ customer, profiles });
		}
		return out;
	}

	customerProfiles(customerId: string): ProfileRecord[] | undefined {
		return this.customers.get(customerId)?.profiles;
	}

	findByEmail(email: string): Customer[] {
		return this.byEmail.get(email.toLowerCase()) ?? [];
	}

	/** The one place a profile's state changes to CANCELLED, so cancelCount is exact. */
	cancel(record: ProfileRecord): void {
		record.profile.status = 'CANCELLED';
		record.profile.last_updated_date = new Date().toISOString();
		const key = pairKey(record.customerId, record.profile.id);
		this.cancels.set(key, (this.cancels.get(key) ?? 0) + 1);
	}

	cancelCount(customerId: string, profileId: string): number {
		return this.cancels.get(pairKey(customerId, profileId)) ?? 0;
	}

	/** `ids`: the customer and profile ids, or the subscription id, the request addressed. */
	recordKey(ids: readonly string[], key: string): void {
		const k = ids.join('\u0000');
		const seen = this.keys.get(k);
		if (seen) seen.add(key);
		else this.keys.set(k, new Set([key]));
	}

	/** Distinct keys sent to these ids' paths, in the order first seen. */
	keysFor(...ids: string[]): string[] {
		return [...(this.keys.get(ids.join('\u0000')) ?? [])];
	}

	addSubscription(input: NewSubscription = {}): Subscription {
		let id = input.id;
		if (id === undefined) {
			do id = `2c9380848${String(++this.subscriptionCounter).padStart(23, '0')}`;
			while (this.subscriptions.has(id));
		} else if (this.subscriptions.has(id)) {
			throw new Error(`sandbox: subscription ${id} already exists`);
		}
		const now = new Date().toISOString();
		const subscription: Subscription = {
			id,
			payer_id: 100_000_000 + this.subscriptionCounter,
			payer_email: input.payer_email ?? `payer${this.subscriptionCounter}@sandbox.test`,
			status: input.status ?? 'authorized',
			reason: input.reason ?? `Plan ${this.subscriptionCounter}`,
			external_reference: input.external_reference ?? null,
			preapproval_plan_id: null,
			date_created: now,
			last_modified: now,
			next_payment_date: now,
			auto_recurring: {
				frequency: 1,
				frequency_type: 'months',
				transaction_amount: 49.9,
				currency_id: 'BRL',
				start_date: now,
				end_date: null,
			},
		};
		this.subscriptions.set(id, subscription);
		this.subscriptionList.push(subscription);
		return subscription;
	}

	/** The one place a subscription's status changes, so every change is counted. */
	setSubscriptionStatus(subscription: Subscription, status: SubscriptionStatus): void {
		if (subscription.status === status) return;
		subscription.status = status;
		subscription.last_modified = new Date().toISOString();
		const changes = this.subscriptionChanges.get(subscription.id);
		if (changes) changes.push(status);
		else this.subscriptionChanges.set(subscription.id, [status]);
	}

	changesOf(subscriptionId: string): SubscriptionStatus[] {
		return [...(this.subscriptionChanges.get(subscriptionId) ?? [])];
	}

	/** A numeric id not yet used by a payment or a charge (counters survive clear(), like the others). */
	private nextNumericId(taken: Map<string, unknown>): number {
		let id;
		do id = 50_000_000_000 + ++this.objectCounter;
		while (taken.has(String(id)));
		return id;
	}

	private claimId<T>(taken: Map<string, T>, id: string, what: string): void {
		if (taken.has(id)) throw new Error(`sandbox: ${what} ${id} already exists`);
	}

	addPayment(input: NewPayment = {}): Payment {
		const id = input.id ?? this.nextNumericId(this.payments);
		this.claimId(this.payments, String(id), 'payment');
		const now = new Date().toISOString();
		const status = input.status ?? 'approved';
		const payment: Payment = {
			id,
			status,
			status_detail: input.status_detail ?? (status === 'approved' ? 'accredited' : status === 'rejected' ? 'cc_rejected_insufficient_amount' : 'pending_contingency'),
			transaction_amount: input.transaction_amount ?? 49.9,
			currency_id: 'BRL',
			description: 'Sandbox payment',
			external_reference: input.external_reference ?? null,
			date_created: now,
			date_last_updated: now,
			payer: { id: null, email: input.payer_email ?? `payer${id}@sandbox.test` },
			metadata: input.metadata ?? {},
			live_mode: false,
		};
		this.payments.set(String(id), payment);
		return payment;
	}

	/** A subscription's charge; with `payment_status`, the payment it made too. */
	addAuthorizedPayment(input: NewAuthorizedPayment): AuthorizedPayment {
		const subscription = this.subscriptions.get(input.preapproval_id);
		if (!subscription) throw new Error(`sandbox: unknown subscription ${input.preapproval_id}`);
		const id = input.id ?? this.nextNumericId(this.authorizedPayments);
		this.claimId(this.authorizedPayments, String(id), 'authorized payment');
		const now = new Date().toISOString();
		const amount = input.transaction_amount ?? subscription.auto_recurring.transaction_amount;
		const payment =
			input.payment_status === undefined
				? null
				: this.addPayment({
						status: input.payment_status,
						status_detail: input.payment_status_detail,
						transaction_amount: amount,
						payer_email: subscription.payer_email,
						metadata: { preapproval_id: subscription.id },
					});
		const charge: AuthorizedPayment = {
			id,
			preapproval_id: subscription.id,
			type: 'scheduled',
			status: input.status ?? (payment?.status === 'rejected' ? 'recycling' : 'processed'),
			reason: subscription.reason,
			external_reference: subscription.external_reference,
			transaction_amount: amount,
			currency_id: subscription.auto_recurring.currency_id,
			date_created: now,
			last_modified: now,
			debit_date: now,
			retry_attempt: input.retry_attempt ?? 0,
			next_retry_date: null,
			payment: payment && { id: payment.id, status: payment.status, status_detail: payment.status_detail },
		};
		this.authorizedPayments.set(String(id), charge);
		const charges = this.chargesBySubscription.get(subscription.id);
		if (charges) charges.push(charge);
		else this.chargesBySubscription.set(subscription.id, [charge]);
		return charge;
	}

	/** A subscription's charges, oldest first (what a search by preapproval_id lists). */
	chargesOf(subscriptionId: string): AuthorizedPayment[] {
		return this.chargesBySubscription.get(subscriptionId) ?? [];
	}

	addPlan(input: NewPlan = {}): Plan {
		const id = input.id ?? `2c938084${String(++this.objectCounter).padStart(24, '0')}`;
		this.claimId(this.plans, id, 'plan');
		const now = new Date().toISOString();
		const plan: Plan = {
			id,
			status: input.status ?? 'active',
			reason: input.reason ?? `Plan ${id.slice(-4)}`,
			date_created: now,
			last_modified: now,
			auto_recurring: { frequency: 1, frequency_type: 'months', transaction_amount: 49.9, currency_id: 'BRL' },
		};
		this.plans.set(id, plan);
		return plan;
	}
}
