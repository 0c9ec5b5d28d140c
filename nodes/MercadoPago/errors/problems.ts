/**
 * The one line that says what exactly failed, for each problem the node finds itself.
 * It becomes an error's `detail` (see catalogue.ts for the code's message and advice).
 */
export const PROBLEMS = {
	notText: (label: string, value: unknown) =>
		`${label} must be text or a number, not ${Array.isArray(value) ? 'a list' : typeof value === 'boolean' ? 'true or false' : typeof value === 'object' ? 'an object' : 'this value'}`,
	empty: (label: string) => `${label} is empty`,
	idDots: (label: string, id: string) => `${label} cannot be "${id}"`,
	idControl: (label: string) => `${label} holds a control character`,
	idMalformed: (label: string) => `${label} holds malformed Unicode (half of a surrogate pair)`,
	idReserved: (label: string, id: string) =>
		`${label} cannot be "${id}": Mercado Pago has another endpoint at that place, whose answer is not one object`,
	keyModeUnknown: (mode: unknown) =>
		`Idempotency Key must be deterministic, random or custom, not ${typeof mode === 'string' ? `"${mode}"` : 'this value'}`,
	keyEmpty: () => 'The custom idempotency key is empty',
	keyTooLong: (length: number) => `The custom idempotency key is ${length} characters long; at most 64 are allowed`,
	keyNotAscii: () =>
		'The custom idempotency key may only hold visible ASCII characters (no spaces, tabs, control or non-ASCII characters)',
	keyReused: () =>
		'This idempotency key already names another request of this run: Mercado Pago would answer it with that request\'s result',
	emailNoAt: (email: string) => `"${email}" is not an email address (no @): Mercado Pago matches whole addresses only`,
	emailSpace: (email: string) => `"${email}" holds a space or a line break: an email address has none`,
	everySubscriptionHint: () =>
		'To list every subscription of the account instead, set Search By to "Every Subscription of the Account"',
	statusEmpty: () => 'Status is empty: choose a status, or remove the Status filter to list every status',
	statusUnknown: (status: unknown, allowed: readonly string[]) =>
		`Status must be one of ${allowed.join(', ')}, not ${typeof status === 'string' ? `"${status}"` : 'this value'}`,
	flagNotBoolean: (label: string, value: unknown) =>
		`${label} must be true or false, not ${typeof value === 'string' ? `"${value}"` : value === undefined || value === null ? 'empty' : 'this value'}`,
	flagDiffers: (label: string) =>
		`${label} differs from the first item's: one run is either all one or all the other, so this item was not sent`,
	parameter: (message: string) => `A field could not be read: ${message}`,
	tokenMissing: () => 'The credential has no access token',
	tokenCharacters: () =>
		'The access token holds a line break, a control character or a character beyond Latin-1, which no HTTP header can carry',
	baseUrlInvalid: () => "The credential's Base URL is not a valid URL: it must look like https://api.mercadopago.com",
	baseUrlNotHttps: (shown: string) =>
		`The credential's Base URL "${shown}" must use https:// (plain http is only for a sandbox on this machine: localhost, 127.x.x.x or [::1])`,
	baseUrlUserinfo: () =>
		"The credential's Base URL holds a user name or password: remove it (the node authenticates with the access token only)",
	baseUrlQuery: (shown: string) => `The credential's Base URL "${shown}" must not hold a query (?) or a fragment (#)`,
	pageRepeated: () => 'A page of results brought nothing new: the server ignores the paging, so the listing stopped',
	tooManyResults: (max: number) => `Return All stops at ${max} results per item`,
	bodyTooLarge: (maxBytes: number) => `The answer was larger than ${maxBytes} bytes and was abandoned`,
	bodyTooDeep: (maxDepth: number) => `The answer nests deeper than ${maxDepth} levels`,
	unexpectedAnswer: (status: number, what: string) => `HTTP ${status} with ${what}`,
	chooseCustomerFirst: () => 'Choose a customer first',
	chooseCustomerFirstWhy: () => 'The payment profiles listed are those of the customer in the Customer field.',
	typeEmailToSearch: (whose: string) => `Type the ${whose} whole email to search`,
	noneWithEmail: (what: string, email: string) => `No ${what} found for "${email}": Mercado Pago matches the whole address only`,
	readBudget: (seconds: number) =>
		`The read did not finish within the trigger's ${seconds}-second limit, kept so Mercado Pago gets its answer in time`,
} as const;
