/**
 * n8n 2.41.1 in queue mode on loopback: one main process (`n8n start`: editor, REST API,
 * webhooks, enqueues executions) and `n8n worker` processes (run them), sharing one
 * encryption key, one PostgreSQL database and one Redis (e2e/queue/services.mjs).
 *
 * Every process has its own user folder, as separate machines or containers would, and this
 * package installed there from the packed tarball: n8n loads community packages from each
 * process's own $N8N_USER_FOLDER/.n8n/nodes, and nothing copies them to the workers.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { N8N_BIN, NODE24, activateWorkflow, freePort, getExecution as getExecutionOf, n8nCli, n8nEnv, packAndInstall, rest, setupOwner } from '../lib.mjs';
import { stopGroup, track } from './services.mjs';

export const ENCRYPTION_KEY = 'queue-e2e-encryption-key-not-a-secret';

/** What main and every worker must share: executions mode, Redis, PostgreSQL, the key. */
export function queueEnv({ redis, postgres }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		// trust auth on loopback: n8n wants a value, PostgreSQL does not check it
		DB_POSTGRESDB_PASSWORD: 'unused',
		// n8n's defaults (2 connections, 20 s to get one) turn a stall of PostgreSQL on this shared
		// 2-core machine, under a burst of 300 calls, into 500s and executions failed on the
		// workers; a queue-mode n8n meant for bursts raises both (README, Mercado Pago Trigger).
		DB_POSTGRESDB_POOL_SIZE: '4',
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
	};
}

/** One line of an n8n process's output: its JSON log entry (N8N_LOG_FORMAT=json) or plain text. */
function parseLine(line) {
	try {
		const entry = JSON.parse(line);
		if (typeof entry?.message === 'string') return { message: entry.message, metadata: entry.metadata ?? {} };
	} catch {
		// not a log entry: a warning Node or a library printed
	}
	return { message: line, metadata: {} };
}

/** One n8n process (main or worker) in its own process group, its log in memory and on disk. */
export class N8nProcess {
	constructor(name, command, env, logFile) {
		this.name = name;
		this.env = env;
		this.logFile = logFile;
		this.lines = [];
		this.listeners = new Set();
		const file = createWriteStream(logFile);
		this.child = spawn(NODE24, [N8N_BIN, ...command], {
			env,
			cwd: env.N8N_USER_FOLDER,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		track(this.child);
		let partial = '';
		const onData = (chunk) => {
			file.write(chunk);
			const text = partial + chunk;
			const parts = text.split('\n');
			partial = parts.pop();
			for (const line of parts) {
				const entry = parseLine(line);
				this.lines.push(entry);
				for (const listener of this.listeners) listener(entry);
			}
		};
		this.child.stdout.on('data', onData);
		this.child.stderr.on('data', onData);
		this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
	}

	get running() {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Calls fn on every entry ({ message, metadata }) logged from now on; returns the unsubscribe. */
	onLine(fn) {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	/** Resolves with the first entry (logged so far or later) whose message matches re. */
	waitForLine(re, timeoutMs = 180_000) {
		const seen = this.lines.find((l) => re.test(l.message));
		if (seen) return Promise.resolve(seen);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				off();
				reject(new Error(`${this.name}: no line matching ${re} after ${timeoutMs} ms; see ${this.logFile}`));
			}, timeoutMs);
			const off = this.onLine((entry) => {
				if (!re.test(entry.message)) return;
				clearTimeout(timer);
				off();
				resolve(entry);
			});
			this.exited.then(({ code, signal }) => {
				clearTimeout(timer);
				off();
				reject(new Error(`${this.name} exited (${code ?? signal}) before logging ${re}; see ${this.logFile}`));
			});
		});
	}

	/** Execution ids this process logged with `Worker <verb> execution <id>`, in log order. */
	executions(verb) {
		const re = new RegExp(`^Worker ${verb} execution (\\d+) \\(job`);
		return this.lines.map((l) => re.exec(l.message)?.[1]).filter((id) => id !== undefined);
	}

	/** Messages matching re. */
	messages(re) {
		return this.lines.map((l) => l.message).filter((m) => re.test(m));
	}

	/** SIGTERM to n8n itself: its graceful shutdown. */
	terminate() {
		this.child.kill('SIGTERM');
	}

	/** Ends the whole group (n8n and its task runner); SIGKILL after graceMs. */
	stop(graceMs = 30_000) {
		return stopGroup(this.child, 'SIGTERM', graceMs);
	}
}

/**
 * Installs the tarball into one user folder per process, imports the credential and the
 * workflows, starts main and the workers, creates the owner and publishes the workflows whose
 * ids are in `activate`. Resolves once all of that is done and every worker logged that it
 * is ready.
 */
export async function startCluster({ work, services, tarball, credentialFile, workflowsDir, activate, workers = 2, log = () => {} }) {
	const shared = queueEnv(services);
	const envFor = async (name) => ({
		...n8nEnv({ home: join(work, name), port: await freePort(), brokerPort: await freePort() }),
		...shared,
		// Entries with their metadata (execution and job ids) and a timestamp.
		N8N_LOG_FORMAT: 'json',
	});
	const names = ['main', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
	const envs = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await envFor(n)])));

	let started = Date.now();
	const installed = await Promise.all(names.map((n) => packAndInstall(envs[n].N8N_USER_FOLDER, { tarball })));
	log(`installed ${tarball.split('/').pop()} into ${names.length} user folders: ${Date.now() - started} ms`);

	started = Date.now();
	// The first command also runs n8n's migrations on the empty database.
	const cli = async (args) => {
		const { stdout, stderr } = await n8nCli(envs.main, args);
		appendFileSync(join(work, 'cli.log'), `$ n8n ${args.join(' ')}\n${stdout}${stderr}\n`);
	};
	await cli(['import:credentials', `--input=${credentialFile}`]);
	await cli(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	log(`database migrated, credential and workflows imported: ${Date.now() - started} ms`);

	started = Date.now();
	const main = new N8nProcess('main', ['start'], envs.main, join(work, 'main.log'));
	const workerProcesses = names
		.slice(1)
		.map((n) => new N8nProcess(n, ['worker', '--concurrency=10'], envs[n], join(work, `${n}.log`)));
	const cluster = { main, workers: workerProcesses, envs, installed, url: `http://127.0.0.1:${envs.main.N8N_PORT}` };
	try {
		await Promise.all([waitReady(main, cluster.url), ...workerProcesses.map((w) => w.waitForLine(/n8n worker is now ready/))]);
	} catch (error) {
		await stopCluster(cluster);
		throw error;
	}
	log(`main and ${workers} workers ready: ${Date.now() - started} ms`);
	cluster.cookie = await setupOwner(cluster.url);
	cluster.rest = (path, opts) => rest(cluster.url, cluster.cookie, path, opts);
	// Published the way the editor's Publish button does it: main registers the webhooks now.
	// (`import:workflow --activeState=fromJson` cannot: before the owner exists the CLI's user
	// lacks the permission, and the workflows stay inactive.)
	for (const id of activate) await activateWorkflow(cluster.url, cluster.cookie, id);
	return cluster;
}

async function waitReady(main, url, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!main.running) throw new Error(`n8n main exited; see ${main.logFile}`);
		try {
			if ((await fetch(`${url}/healthz/readiness`)).status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`n8n main not ready after ${timeoutMs} ms; see ${main.logFile}`);
}

export async function stopCluster(cluster) {
	if (!cluster) return;
	await Promise.all([...cluster.workers, cluster.main].map((p) => p.stop()));
}

/** One execution through the REST API, its run data unflattened. */
export function getExecution(cluster, id) {
	return getExecutionOf(cluster.url, cluster.cookie, id);
}
