import type { Resource } from '../operation';

/** Version 1 keeps Cancel, which workflows saved without an operation rely on. */
export const resource: Resource = { value: 'paymentProfile', name: 'Payment Profile', defaults: { v1: 'cancel', v2: 'getAll' } };
