/**
 * The hub's one database layer: the same SQL text runs on PGlite (PostgreSQL compiled to
 * WebAssembly, embedded in the hub's process, data in a folder) and on a PostgreSQL server
 * through postgres.js. Queries take `$1`-style parameters; JSON goes in as text cast with
 * `::text::jsonb` (postgres.js would encode a bare string parameter as a JSON string); timestamps are milliseconds in `bigint` columns, read back with `::float8` so that
 * both drivers hand back plain numbers.
 */
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type Row = Record<string, unknown>;

/** What a query runs on: the database, or one transaction of it. */
export interface Sql {
	query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
	readonly kind: 'pglite' | 'postgres';
	/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
	transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
	/** Calls `onNotify` with each payload sent to `channel` (by this process or another). */
	listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** A schema name the hub may create and use: lower-case letters, digits and underscores. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PGlite in `dataDir` (a folder, created when missing), or in memory when no folder is given.
 * One instance is one connection; PGlite queues queries and transactions itself.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
	return {
		kind: 'pglite',
		async query<T extends Row>(text: string, params: readonly unknown[] = []) {
			return (await pg.query<T>(text, [...params])).rows;
		},
		transaction: (work) =>
			pg.transaction((tx) =>
				work({
					query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
						(await tx.query<T>(text, [...params])).rows
				})
			),
		listen: async (channel, onNotify) => {
			const stop = await pg.listen(channel, onNotify);
			return () => stop();
		},
		close: () => pg.close()
	};
}

export interface PostgresOptions {
	url: string;
	/** The schema the hub keeps its tables in (created when missing); `public` by default. */
	schema?: string;
	/** Connections in the pool. */
	max?: number;
}

/** A pool of connections to a PostgreSQL server. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
	const schema = options.schema ?? 'public';
	if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a schema name: "${schema}".`);
	if (schema !== 'public') {
		const setup = postgres(options.url, { max: 1, onnotice: () => {} });
		try {
			await setup.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
		} finally {
			await setup.end();
		}
	}
	const sql = postgres(options.url, {
		max: options.max ?? 10,
		onnotice: () => {},
		connection: { search_path: schema, application_name: 'sales-sim-hub' }
	});
	// The hub's statements are a fixed set of texts: each is prepared once per connection and then
	// only bound and executed. (postgres.js prepares no `unsafe` text unless asked, and then
	// describes every statement with parameters in a round trip of its own before running it.)
	const runner = (on: postgres.Sql | postgres.TransactionSql): Sql => ({
		query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
			(await on.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
				prepare: true
			})) as unknown as T[]
	});
	const base = runner(sql);
	return {
		kind: 'postgres',
		query: base.query,
		transaction: async (work) => (await sql.begin((tx) => work(runner(tx)))) as never,
		listen: async (channel, onNotify) => {
			const { unlisten } = await sql.listen(channel, (payload) => onNotify(payload));
			return unlisten;
		},
		close: () => sql.end({ timeout: 5 })
	};
}

/** Hosts that are this machine: no TLS needed to reach them. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/**
 * Whether the hub may connect to this PostgreSQL: a server on this machine (or one the operator
 * says is local, `HUB_DATABASE_LOCAL=1`), or any server with TLS asked for in the URL
 * (`sslmode=require`, `verify-ca` or `verify-full`) or in `PGSSLMODE`. A password sent in the
 * clear over a network is refused. Returns the reason when refused.
 */
export function tlsProblem(
	url: string,
	env: { PGSSLMODE?: string; HUB_DATABASE_LOCAL?: string }
): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'DATABASE_URL is not a URL (postgres://user:password@host:5432/database).';
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
		return `DATABASE_URL must start with postgres:// (it starts with ${parsed.protocol}//).`;
	const host = parsed.hostname;
	// A host given as a query parameter (a Unix socket folder) is this machine.
	const socket = parsed.searchParams.get('host')?.startsWith('/');
	if (LOCAL_HOSTS.has(host) || socket || env.HUB_DATABASE_LOCAL === '1') return undefined;
	const mode =
		parsed.searchParams.get('sslmode') ?? parsed.searchParams.get('ssl') ?? env.PGSSLMODE;
	if (mode && ['require', 'verify-ca', 'verify-full', 'true'].includes(mode)) return undefined;
	return (
		`DATABASE_URL points at ${host}, which is not this machine, and asks for no TLS. Add ` +
		'?sslmode=require (or verify-full) to the URL, or set HUB_DATABASE_LOCAL=1 if the ' +
		'server is on a private network you trust.'
	);
}
