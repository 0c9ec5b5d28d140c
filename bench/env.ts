/**
 * Must be imported first. n8n's default log level is info, where debug() is a no-op; the
 * tests' "silent" still builds every debug line (with a stack capture) before winston drops
 * it, once per expression in the vm engine. "error" keeps the output clean and the cost as
 * in production.
 */
process.env.N8N_LOG_LEVEL ??= 'error';

export {};
