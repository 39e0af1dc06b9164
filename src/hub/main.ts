/**
 * `npm run hub` (and `npm start`, after building the app): the class hub on one port, with the
 * app beside it. Configuration by environment variables, listed in docs/hub.md. With
 * `HUB_PROCESSES=n` on PostgreSQL, n hub processes share the port (node:cluster): each verifies
 * attempts on its own core, and they share the board through the database.
 */
import cluster from 'node:cluster';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv, startHub } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string): never {
	console.error(`The hub did not start: ${message}`);
	process.exit(1);
}

let config: ReturnType<typeof configFromEnv>;
try {
	config = configFromEnv(process.env, root);
} catch (error) {
	fail((error as Error).message);
}
const processes = Number(process.env.HUB_PROCESSES || 1);
if (!Number.isInteger(processes) || processes < 1 || processes > 64)
	fail(`HUB_PROCESSES must be a whole number from 1 to 64 (it is "${process.env.HUB_PROCESSES}").`);
if (processes > 1 && !config.databaseUrl)
	fail('HUB_PROCESSES needs DATABASE_URL: the embedded database belongs to one process.');

if (processes > 1 && cluster.isPrimary) {
	let stopping = false;
	let ready = 0;
	cluster.on('message', (_worker, message: { ready?: string }) => {
		if (message?.ready && ++ready === processes)
			console.log(`Class hub and app on ${message.ready} (${processes} processes, PostgreSQL).`);
	});
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return;
		console.error(`A hub process stopped (${signal ?? code}); starting another.`);
		cluster.fork();
	});
	for (let i = 0; i < processes; i++) cluster.fork();
	const stop = () => {
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
} else {
	try {
		const hub = await startHub(config, cluster.isWorker ? () => {} : console.log);
		if (cluster.isWorker) process.send?.({ ready: hub.url });
		else {
			const where = config.databaseUrl
				? `PostgreSQL${config.schema ? ` (schema ${config.schema})` : ''}`
				: `the embedded database in ${config.dataDir}`;
			console.log(`Class hub and app on ${hub.url} (data in ${where}).`);
		}
		let stopping = false;
		const stop = async () => {
			if (stopping) return;
			stopping = true;
			await hub.close();
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	} catch (error) {
		fail((error as Error).message);
	}
}
