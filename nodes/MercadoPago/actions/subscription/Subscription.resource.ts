import type { Resource } from '../operation';

export const resource: Resource = { value: 'subscription', name: 'Subscription', defaults: { v1: 'search', v2: 'search' } };
