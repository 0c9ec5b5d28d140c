import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import { runCancel } from '../harness/runMercadoPago';
import { useSandbox } from '../harness/useSandbox';
import { profileWith } from './fixtures';

/** A loopback forward proxy that records which targets it was asked for (CONNECT or absolute-form). */
async function startProxy() {
	const targets: string[] = [];
	const server = http.createServer((req, res) => {
		targets.push(new URL(req.url ?? '').host);
		const upstream = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		req.pipe(upstream);
	});
	server.on('connect', (req, client: net.Socket, head) => {
		targets.push(req.url ?? '');
		const [host, port] = (req.url ?? '').split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const close = () => {
		server.closeAllConnections();
		return new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return { url, targets, close };
}

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

describe('proxy from the environment, the way n8n itself honours it', () => {
	const sandbox = useSandbox();
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	const saved: Record<string, string | undefined> = {};

	beforeAll(async () => {
		proxy = await startProxy();
		for (const name of PROXY_VARS) {
			saved[name] = process.env[name];
			delete process.env[name];
		}
	});
	afterAll(async () => {
		for (const name of PROXY_VARS) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
		await proxy.close();
	});

	const row = () => profileWith(sandbox(), {});

	it('HTTP_PROXY sends the requests through the proxy', async () => {
		process.env.HTTP_PROXY = proxy.url;
		const result = await runCancel(sandbox(), { items: [row(), row()], onError: 'continueErrorOutput' });
		delete process.env.HTTP_PROXY;
		expect(result.success).toHaveLength(2);
		expect(proxy.targets.length).toBeGreaterThan(0);
		expect(new Set(proxy.targets)).toEqual(new Set([new URL(sandbox().url).host]));
	});

	it('NO_PROXY lets matching hosts bypass it', async () => {
		proxy.targets.length = 0;
		process.env.HTTP_PROXY = proxy.url;
		process.env.NO_PROXY = '127.0.0.1';
		const result = await runCancel(sandbox(), { items: [row()], onError: 'continueErrorOutput' });
		delete process.env.HTTP_PROXY;
		delete process.env.NO_PROXY;
		expect(result.success).toHaveLength(1);
		expect(proxy.targets).toEqual([]);
	});
});
