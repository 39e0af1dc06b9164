/**
 * `npm run hub` (and `npm start`, after building the app): the class hub on one port, with the
 * app beside it. Configuration by environment variables, listed in README.md.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { configFromEnv, startHub } from './server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

try {
	const config = configFromEnv(process.env, root);
	const hub = await startHub(config);
	const where = config.databaseUrl
		? `PostgreSQL${config.schema ? ` (schema ${config.schema})` : ''}`
		: `the embedded database in ${config.dataDir}`;
	console.log(`Class hub and app on ${hub.url} (data in ${where}).`);
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
	console.error(`The hub did not start: ${(error as Error).message}`);
	process.exit(1);
}
