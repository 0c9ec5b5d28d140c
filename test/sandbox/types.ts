/**
 * Public types of the Mercado Pago sandbox. The JSON shapes (PaymentProfile, Customer)
 * follow /work/shared/reference/mercadopago-api.md; everything else is sandbox control.
 */
import type { Hold } from './hold';
import type { RouteKind } from './routes';

export type { RouteKind };

export type ProfileStatus = 'PENDING' | 'READY' | 'CANCELLED';

export interface PaymentMethod {
	payment_method_id: string;
	id: string;
	type: string;
	card_id: string;
	status: string;
	default_method: boolean;
}

/** A payment profile exactly as the API returns it (no customer_id, as in the vendor example). */
export interface PaymentProfile {
	id: string;
	created_date: string;
	last_updated_date: string;
	description: string;
	max_day_overdue: number;
	statement_descriptor: string;
	status: ProfileStatus;
	sequence_control: string;
	payment_methods: PaymentMethod[];
}

export interface Customer {
	id: string;
	email: string;
	first_name: string;
	last_name: string;
	phone: { area_code: string | null; number: string | null };
	identification: { type: string | null; number: string | null };
	date_created: string;
	date_last_updated: string;
	live_mode: boolean;
	metadata: Record<string, unknown>;
}

export interface NewCustomer {
	id?: string;
	email?: string;
	first_name?: string;
	last_name?: string;
}

export interface NewProfile {
	id?: string;
	status?: ProfileStatus;
	description?: string;
	/** Owner account; when set and different from the sandbox's callerId, cancel/get answer caller_id_mismatch. */
	callerId?: string;
	/** Site; when set and different from the sandbox's siteId ('MLB'), cancel/get answer site_id_mismatch. */
	siteId?: string;
	/** Every cancel of this profile answers this error code (status from the seed's table, 400 if unknown). */
	failWith?: string;
}

export interface SeededCustomer {
	customer: Customer;
	profiles: PaymentProfile[];
}

export type SubscriptionStatus = 'pending' | 'authorized' | 'paused' | 'cancelled';

/** A subscription (preapproval) as the API returns it. */
export interface Subscription {
	id: string;
	payer_id: number;
	payer_email: string;
	status: SubscriptionStatus;
	reason: string;
	external_reference: string | null;
	preapproval_plan_id: string | null;
	date_created: string;
	last_modified: string;
	next_payment_date: string | null;
	auto_recurring: {
		frequency: number;
		frequency_type: 'months' | 'days';
		transaction_amount: number;
		currency_id: string;
		start_date: string;
		end_date: string | null;
	};
}

export interface NewSubscription {
	id?: string;
	payer_email?: string;
	status?: SubscriptionStatus;
	reason?: string;
	/** The integrator's own reference, e.g. a CRM deal. */
	external_reference?: string;
}

/** A payment (`GET /v1/payments/{id}`), with the fields a notification's workflow reads. */
export interface Payment {
	id: number;
	status: 'approved' | 'rejected' | 'pending' | 'in_process' | 'cancelled' | 'refunded' | 'charged_back';
	status_detail: string;
	transaction_amount: number;
	currency_id: string;
	description: string;
	external_reference: string | null;
	date_created: string;
	date_last_updated: string;
	payer: { id: string | null; email: string };
	metadata: Record<string, unknown>;
	live_mode: boolean;
}

export interface NewPayment {
	id?: number;
	status?: Payment['status'];
	status_detail?: string;
	transaction_amount?: number;
	payer_email?: string;
	external_reference?: string | null;
	metadata?: Record<string, unknown>;
}

/** One recurring charge of a subscription (`GET /authorized_payments/{id}`). Its field list is unconfirmed. */
export interface AuthorizedPayment {
	id: number;
	preapproval_id: string;
	type: 'scheduled';
	status: 'scheduled' | 'processed' | 'recycling' | 'cancelled';
	reason: string;
	external_reference: string | null;
	transaction_amount: number;
	currency_id: string;
	date_created: string;
	last_modified: string;
	debit_date: string;
	retry_attempt: number;
	next_retry_date: string | null;
	/** The charge's payment: its id and status (`rejected` for a failed renewal). */
	payment: { id: number; status: Payment['status']; status_detail: string } | null;
}

export interface NewAuthorizedPayment {
	id?: number;
	/** The subscription (preapproval) this charge belongs to: required. */
	preapproval_id: string;
	status?: AuthorizedPayment['status'];
	retry_attempt?: number;
	transaction_amount?: number;
	/** The charge's payment status; none when the charge made no payment yet. */
	payment_status?: Payment['status'];
	payment_status_detail?: string;
}

/** A subscription plan (`GET /preapproval_plan/{id}`). */
export interface Plan {
	id: string;
	status: 'active' | 'cancelled';
	reason: string;
	date_created: string;
	last_modified: string;
	auto_recurring: { frequency: number; frequency_type: 'months' | 'days'; transaction_amount: number; currency_id: string };
}

export interface NewPlan {
	id?: string;
	status?: Plan['status'];
	reason?: string;
}

/**
 * How the sandbox answers where Mercado Pago's behaviour is unconfirmed: tests run the node
 * against each possibility.
 */
export interface Behaviour {
	/** Cancel of a profile that is already CANCELLED: 204 again, or a 400 with this code. */
	alreadyCancelled: { status: 204 } | { status: 400; code: string };
	/** X-Idempotency-Key on PUT /preapproval/{id}: ignored (as its reference lists none) or honoured. */
	subscriptionKeys: 'ignored' | 'honoured';
	/** Cancel of a cancelled subscription: 200 with it as it is, or the refusal of any change to it. */
	cancelledAgain: 'ok' | 'refused';
	/** A PUT of the status a subscription already has: 200 with it as it is, or a 400. */
	sameStatus: 'ok' | 'refused';
}

export interface RateLimitOptions {
	/** Sustained requests per second. */
	rps: number;
	/** 'bucket' (default): tokens refill at `rps`; 'fixedWindow' / 'slidingWindow': a quota per window. */
	shape?: 'bucket' | 'fixedWindow' | 'slidingWindow';
	/** Bucket only: tokens it holds, the burst it allows (default `rps`, minimum 1). */
	burst?: number;
	/** Windows only: the window's length in ms (default 1000); its quota is rps * windowMs / 1000. */
	windowMs?: number;
	/**
	 * Retry-After on 429: 'none' sends no header, a number sends those integer seconds, 'reset'
	 * the seconds until the limiter accepts again (rounded up). Default `retryAfterSeconds`, else 1.
	 */
	retryAfter?: 'none' | number | 'reset';
	/** The same as a numeric `retryAfter`. */
	retryAfterSeconds?: number;
}

export interface SandboxOptions {
	/** The valid access token; default 'APP_USR-sandbox-token'. */
	token?: string;
	/** Delay added before each answer, in ms (default 0). */
	latencyMs?: number;
	/** Rate limiter applied to every request before anything else. */
	rateLimit?: RateLimitOptions;
	/** Default 0 (random); the host is always 127.0.0.1. */
	port?: number;
}

/** One received request. `status` is what the client got: 0 if nothing was answered (reset, hang, client gone). */
export interface RequestLogEntry {
	method: string;
	rawPath: string;
	rawQuery: string;
	/** Raw path split on '/', each segment decoded; [] when the path could not be decoded. */
	pathSegments: string[];
	route: RouteKind;
	customerId?: string;
	paymentProfileId?: string;
	subscriptionId?: string;
	/** The id in the path of a payment, authorized payment or plan read. */
	objectId?: string;
	idempotencyKey?: string;
	/** The request body as JSON, when one was sent. */
	body?: unknown;
	/** Whether an Authorization header was present (its value is never stored). */
	authorization: boolean;
	status: number;
	replayed: boolean;
	/** The fault applied to this request, if any ('rateLimit' for the sandbox's own rate limiter). */
	fault?: FaultKind | 'rateLimit';
	/** Date.now() at arrival. */
	at: number;
}

/** Restricts a fault to some requests; every given field must match. */
export interface FaultMatcher {
	customerId?: string;
	paymentProfileId?: string;
	subscriptionId?: string;
	objectId?: string;
	route?: RouteKind | RouteKind[];
}

/** The error body layouts seen in public sources (see errors.ts for each one's exact shape). */
export type ErrorShape =
	| 'classic' // { message, error: code, status, cause: [{ code, description }] }
	| 'causeObject' // cause is one object, not an array
	| 'causeNull' // cause: null, code only in `error`
	| 'statusString' // status: '409' (a string), cause: []
	| 'causeMessage' // cause: [{ code, message }], `error` is the generic one
	| 'numericCode' // cause: [{ code: <number>, description }]
	| 'details' // newer APIs: { code, message, details: [...] }
	| 'errors' // { errors: [{ code, message, details }] }
	| 'messageOnly'; // { message: code, status }: the code is only in `message`

interface FaultBase {
	match?: FaultMatcher;
	/** How many matching requests this fault hits (default 1). */
	times?: number;
}

export type Fault = FaultBase &
	(
		| {
				kind: 'status';
				status: number;
				/** JSON body; a string is sent as-is (text/plain unless headers say otherwise). Default: a classic body. */
				body?: unknown;
				/** Sets the Retry-After header (seconds or an HTTP date). */
				retryAfter?: number | string;
				headers?: Record<string, string>;
		  }
		| { kind: 'reset' }
		| { kind: 'hang' }
		| { kind: 'applyThenReset' }
		| { kind: 'slow'; ms: number }
		/** Decided on arrival, answered once the test releases the hold: use sandbox.hold(). */
		| { kind: 'hold'; hold: Hold }
		/** The Authorization value in an error body (or a header), in one of the encodings a server may use. */
		| { kind: 'echoToken'; encoding?: EchoEncoding; status?: number }
		/**
		 * A body written `chunk` by `chunk`, `intervalMs` apart: a huge body (many chunks at 0 ms),
		 * an endless one (`chunks: Infinity`) or a slow drip. Content-Length only when `declare` is set.
		 */
		| { kind: 'stream'; status: number; chunk: string; chunks: number; intervalMs: number; contentType?: string; declare?: boolean }
		| { kind: 'errorShape'; status: number; shape: ErrorShape; code?: string | number; message?: string }
	);

export type FaultKind = Fault['kind'];

export type EchoEncoding = 'raw' | 'jsonEscaped' | 'percent' | 'base64' | 'htmlEntities' | 'upperCase' | 'header';

export type RandomFaultKind =
	| 'status500'
	| 'status502'
	| 'status503'
	| 'status429'
	| 'reset'
	| 'hang'
	| 'applyThenReset'
	| 'slow';

/**
 * Random faults for big runs. Each matching request draws from the seed, the request itself
 * (method, path and query) and how often it was sent before: item 7's second attempt meets
 * the same fault in every run, whatever order concurrent requests arrive in.
 */
export interface FaultRates {
	/** PRNG seed (default 1). */
	seed?: number;
	/** Only requests matching this are eligible (default: all). */
	match?: FaultMatcher;
	/** Probability of each fault per eligible request; their sum should be <= 1. */
	rates: Partial<Record<RandomFaultKind, number>>;
	/** Delay of 'slow' faults (default 200 ms). */
	slowMs?: number;
	/** Retry-After of random 429s (default 1). */
	retryAfterSeconds?: number;
}

/** What a route decided to answer. */
export interface Reply {
	status: number;
	/** undefined: no body; string: sent as-is; anything else: JSON. */
	body?: unknown;
	headers?: Record<string, string>;
	replayed?: boolean;
	/**
	 * Called once the answer is due (after latency), before it is written or the socket is
	 * reset: this is when an idempotent request counts as completed.
	 */
	settle?: () => void;
}
