/**
 * The one line that says what exactly failed, for each problem the node finds itself.
 * It becomes an error's `detail` (see catalogue.ts for the code's message and advice).
 */
export const PROBLEMS = {
	idNotText: (label: string, value: unknown) =>
		`${label} must be text or a number, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
	idEmpty: (label: string) => `${label} is empty`,
	idDots: (label: string, id: string) => `${label} cannot be "${id}"`,
	idControl: (label: string) => `${label} holds a control character`,
	idMalformed: (label: string) => `${label} holds malformed Unicode (half of a surrogate pair)`,
	idReserved: (label: string, id: string) => `${label} cannot be "${id}": that path is another endpoint`,
	keyEmpty: () => 'The custom idempotency key is empty',
	keyTooLong: (length: number) => `The custom idempotency key is ${length} characters long; at most 64 are allowed`,
	keyNotAscii: () =>
		'The custom idempotency key may only hold visible ASCII characters (no spaces, tabs, control or non-ASCII characters)',
	keyReused: () =>
		'This idempotency key already names another request of this run: Mercado Pago would answer it with that request\'s result',
	emailEmpty: () => 'The email is empty',
	emailNoAt: (email: string) => `"${email}" is not an email address (no @): Mercado Pago matches whole addresses only`,
	parameter: (message: string) => `A field could not be read: ${message}`,
	tokenMissing: () => 'The credential has no access token',
	tokenCharacters: () =>
		'The access token holds a line break, a control character or a character beyond Latin-1, which no HTTP header can carry',
	baseUrlInvalid: (shown: string) => `The credential's Base URL "${shown}" is not a valid URL`,
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
	typeWholeEmail: () => 'Type the whole email, e.g. ana@example.com',
	readBudget: (seconds: number) =>
		`The read did not finish within the trigger's ${seconds}-second limit, kept so Mercado Pago gets its answer in time`,
} as const;
