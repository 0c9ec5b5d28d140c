import type { IDataObject } from 'n8n-workflow';
import type { HttpMethod, RequestSpec } from '../transport/client';

/** An item's values by name: its ids and what its other fields read; undefined when it asks for none. */
export type Values = Readonly<Record<string, string | undefined>>;

/**
 * An operation's request, written once: the router fills it per item and the docs show it.
 * `{name}` stands for the item's value of that name.
 */
export interface Endpoint {
	method: HttpMethod;
	/** e.g. `/v1/customers/{customerId}`: a `{name}` is a whole segment, sent percent-encoded. */
	path: string;
	/** Query parameters; one whose `{name}` has no value is left out. */
	query?: Readonly<Record<string, string>>;
	/** Sent as JSON, as it is. */
	body?: IDataObject;
}

const PLACEHOLDER = /^\{(\w+)\}$/;

function valueOf(template: string, values: Values): string | undefined {
	const name = PLACEHOLDER.exec(template)?.[1];
	return name === undefined ? template : values[name];
}

/** The request for one item. A path's value must be there: its reader refuses the item otherwise. */
export function requestOf(endpoint: Endpoint, values: Values): RequestSpec {
	const path = endpoint.path
		.split('/')
		.filter((segment) => segment !== '')
		.map((segment) => {
			const value = valueOf(segment, values);
			if (value === undefined) throw new Error(`${segment} of ${endpoint.path} has no value`);
			return value;
		});
	const query = Object.fromEntries(Object.entries(endpoint.query ?? {}).map(([key, template]) => [key, valueOf(template, values)]));
	return { method: endpoint.method, path, query, ...(endpoint.body === undefined ? {} : { body: endpoint.body }) };
}

/** As the docs show it: `GET /v1/customers/search?email={email}`, a body as its JSON. */
export function endpointText(endpoint: Endpoint): string {
	const query = Object.entries(endpoint.query ?? {}).map(([key, template]) => `${key}=${template}`);
	const body = endpoint.body === undefined ? '' : ` ${JSON.stringify(endpoint.body)}`;
	return `${endpoint.method} ${endpoint.path}${query.length > 0 ? `?${query.join('&')}` : ''}${body}`;
}
