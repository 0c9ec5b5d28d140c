import type { Resource } from '../operation';

export const resource: Resource = { value: 'customer', name: 'Customer', defaults: { v1: 'search', v2: 'search' } };
