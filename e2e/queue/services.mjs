/**
 * Throwaway Redis and PostgreSQL for the queue-mode test, from Debian's packages: each one
 * started by the test on its own loopback port with its data under a folder it is given,
 * never the system service, and stopped with its whole process group.
 *
 * Missing packages are installed with apt-get when running as root (the installer's
 * ensureDebianPackages, as for Chromium); otherwise the error says what to install.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { ensureDebianPackages } = createRequire(import.meta.url)('../../scripts/install/cache.js');

const isRoot = process.getuid?.() === 0;

/**
 * Process groups still running. They are detached (so that one signal reaches a service and
 * everything it forked), hence outside the test's own group: killed here whenever the test
 * process ends, including by a signal (a CI timeout) or a crash, so none outlives the test.
 */
const running = new Set();
function killAll() {
	for (const pgid of running) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running.clear();
}
process.on('exit', killAll);
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
	process.once(signal, () => {
		killAll();
		process.exit(128 + number);
	});
}

/**
 * Kills child's process group when the test process ends, unless stopGroup() did first. Kept
 * after the leader exits: what it forked (n8n's task runner) may still be in the group.
 */
export function track(child) {
	running.add(child.pid);
}

const REDIS = '/usr/bin/redis-server';

function redisBinary() {
	ensureDebianPackages([{ package: 'redis-server', present: () => existsSync(REDIS) }]);
	return REDIS;
}

/** The bin folder of the newest PostgreSQL that Debian installed (/usr/lib/postgresql/<major>/bin). */
function findPostgres() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

function postgresBinDir() {
	ensureDebianPackages([{ package: 'postgresql', present: () => findPostgres() !== undefined }]);
	return findPostgres();
}

/**
 * PostgreSQL refuses to run as root: as root its programs run as Debian's `postgres` user
 * (created by the postgresql package), as anyone else they run as that user.
 */
function asDbUser(cmd, args) {
	if (!isRoot) return [cmd, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]];
}

function dbUserCanReach(dir) {
	if (!isRoot) return true;
	try {
		execFileSync(...asDbUser('test', ['-w', dir]), { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Spawns a service in its own process group, its output appended to logFile. */
function spawnService(name, [cmd, args], logFile) {
	const log = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	track(child);
	child.on('error', (e) => log.write(`${name}: ${e.message}\n`));
	return child;
}

/** Signals the group, waits for the leader to exit, SIGKILLs the group after graceMs. */
export async function stopGroup(child, signal = 'SIGTERM', graceMs = 15_000) {
	if (!child?.pid) return;
	const kill = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			// the group is gone
		}
	};
	if (child.exitCode === null && child.signalCode === null) {
		const exited = once(child, 'exit');
		kill(signal);
		const timer = setTimeout(() => kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	kill('SIGKILL'); // anything the leader left behind in its group
	running.delete(child.pid);
}

async function waitFor(what, child, check, timeoutMs, logFile) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}; see ${logFile}`);
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${what} not ready after ${timeoutMs} ms; see ${logFile}`);
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			answer += d;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

/** Debian's redis-server on 127.0.0.1:port, data in dir, nothing persisted. */
export async function startRedis({ dir, port }) {
	mkdirSync(dir, { recursive: true });
	const logFile = join(dir, 'redis.log');
	const args = [
		'--port', String(port),
		'--bind', '127.0.0.1',
		'--dir', dir,
		'--save', '',
		'--appendonly', 'no',
		'--daemonize', 'no',
		'--protected-mode', 'yes',
	];
	const child = spawnService('redis-server', [redisBinary(), args], logFile);
	await waitFor('redis-server', child, () => redisPing(port), 30_000, logFile);
	return { host: '127.0.0.1', port, logFile, stop: () => stopGroup(child, 'SIGTERM') };
}

/**
 * A throwaway PostgreSQL cluster (initdb) on 127.0.0.1:port, its socket beside its data, one
 * superuser `n8n` with trust auth on loopback (nothing else can connect) and a database `n8n`.
 * Durability is off: the cluster is deleted at the end.
 *
 * The data folder must be reachable by the `postgres` user; when dir's parents are not (a
 * checkout under /root), the cluster goes to a temporary folder instead.
 */
export async function startPostgres({ dir, port }) {
	const bin = postgresBinDir();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	let clusterRoot = dir;
	if (isRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
	if (!dbUserCanReach(dir)) {
		clusterRoot = mkdtempSync(join(tmpdir(), 'n8n-nodes-mercadopago-pg-'));
		chownSync(clusterRoot, uidOf('postgres'), gidOf('postgres'));
		console.log(`# postgres cannot reach ${dir}: cluster in ${clusterRoot}`);
	}
	const data = join(clusterRoot, 'data');
	const socketDir = join(clusterRoot, 'socket');
	const logFile = join(dir, 'postgres.log');
	execFileSync(...asDbUser(join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']), {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	execFileSync(...asDbUser('mkdir', [socketDir]));
	const args = [
		'-D', data,
		'-p', String(port),
		'-k', socketDir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	];
	const child = spawnService('postgres', asDbUser(join(bin, 'postgres'), args), logFile);
	const ready = () => {
		try {
			execFileSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	};
	await waitFor('postgres', child, ready, 60_000, logFile);
	execFileSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		database: 'n8n',
		logFile,
		/** Runs one SQL statement; returns psql's unaligned rows (one string per row). */
		query(sql) {
			const out = execFileSync(
				join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'n8n', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{ encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
			);
			return out.split('\n').filter((l) => l !== '');
		},
		// SIGINT: PostgreSQL's fast shutdown (no waiting for clients).
		async stop() {
			await stopGroup(child, 'SIGINT');
			rmSync(data, { recursive: true, force: true });
			rmSync(socketDir, { recursive: true, force: true });
			if (clusterRoot !== dir) rmSync(clusterRoot, { recursive: true, force: true });
		},
	};
}

function uidOf(user) {
	return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user) {
	return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
