/**
 * Starting a hub: the database (PGlite in a folder, or PostgreSQL at DATABASE_URL), its
 * migrations, the shipped scenarios, the event bus over LISTEN/NOTIFY, the API, and the built
 * app (build/: prerendered pages and the fallback page) served beside it on one port.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createHub, type EventBus, type HubLimits } from './app';
import { openPglite, openPostgres, tlsProblem, type Database } from './db';
import { migrate } from './migrations';
import { loadShipped, ScenarioCatalogue } from './scenarios';
import { channelOf, Store } from './store';

export interface HubConfig {
	port: number;
	host: string;
	/** PostgreSQL; when absent, PGlite in `dataDir` (in memory when that is absent too). */
	databaseUrl?: string;
	/** The PostgreSQL schema of this hub's tables (several hubs may share a database). */
	schema?: string;
	dataDir?: string;
	/** The built app to serve beside the API; absent or missing: the API alone. */
	staticDir?: string;
	scenariosDir: string;
	publicUrl?: string;
	trustProxy?: boolean;
	corsOrigins?: string[];
	limits?: Partial<HubLimits>;
	/** Connections to PostgreSQL. */
	poolSize?: number;
	/** Told that the PostgreSQL server is local or on a trusted network (no TLS needed). */
	databaseLocal?: boolean;
}

/** The configuration from environment variables (README.md lists them). */
export function configFromEnv(env: NodeJS.ProcessEnv, root: string): HubConfig {
	const number = (name: string, fallback: number) => {
		const value = env[name];
		if (value === undefined || value === '') return fallback;
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0)
			throw new Error(`${name} must be a whole number (it is "${value}").`);
		return n;
	};
	const limit = (name: string) => {
		const value = env[name];
		if (!value) return undefined;
		const match = /^(\d+)\/(\d+)$/.exec(value);
		if (!match) throw new Error(`${name} must be BURST/PER_MINUTE, e.g. 60/60 (it is "${value}").`);
		return { burst: Number(match[1]), perMinute: Number(match[2]) };
	};
	const limits: Partial<HubLimits> = {};
	const attempts = limit('HUB_ATTEMPT_LIMIT');
	if (attempts) limits.attempts = attempts;
	return {
		port: number('PORT', 4173),
		host: env.HOST || 'localhost',
		databaseUrl: env.DATABASE_URL || undefined,
		schema: env.HUB_DB_SCHEMA || undefined,
		dataDir: resolve(root, env.HUB_DATA_DIR || 'data'),
		staticDir: resolve(root, env.BUILD_DIR || 'build'),
		scenariosDir: resolve(root, 'scenarios'),
		publicUrl: env.HUB_PUBLIC_URL || undefined,
		trustProxy: env.HUB_TRUST_PROXY === '1',
		corsOrigins: env.HUB_CORS_ORIGINS
			? env.HUB_CORS_ORIGINS.split(',')
					.map((origin) => origin.trim())
					.filter(Boolean)
			: undefined,
		limits,
		poolSize: number('HUB_DB_POOL', 10),
		databaseLocal: env.HUB_DATABASE_LOCAL === '1'
	};
}

export async function openDatabase(config: HubConfig): Promise<Database> {
	if (config.databaseUrl) {
		const refused = tlsProblem(config.databaseUrl, {
			PGSSLMODE: process.env.PGSSLMODE,
			HUB_DATABASE_LOCAL: config.databaseLocal ? '1' : undefined
		});
		if (refused) throw new Error(refused);
		return openPostgres({ url: config.databaseUrl, schema: config.schema, max: config.poolSize });
	}
	return openPglite(config.dataDir);
}

/** One LISTEN per process; each class's watchers are woken by the class code in the payload. */
export async function eventBus(db: Database, channel: string) {
	const watchers = new Map<string, Set<() => void>>();
	const stop = await db.listen(channel, (code) => {
		for (const watcher of watchers.get(code) ?? []) watcher();
	});
	const bus: EventBus = {
		subscribe(code, onEvent) {
			const set = watchers.get(code) ?? new Set();
			set.add(onEvent);
			watchers.set(code, set);
			return () => {
				set.delete(onEvent);
				if (set.size === 0) watchers.delete(code);
			};
		}
	};
	return { bus, stop };
}

export interface RunningHub {
	url: string;
	port: number;
	db: Database;
	store: Store;
	close(): Promise<void>;
}

/** Opens the database, migrates it, and serves the hub (and the app, when built). */
export async function startHub(
	config: HubConfig,
	log: (line: string) => void = console.log
): Promise<RunningHub> {
	const db = await openDatabase(config);
	try {
		const applied = await migrate(db);
		if (applied.length > 0) log(`Database migrated to schema version ${applied.at(-1)}.`);
	} catch (error) {
		await db.close();
		throw error;
	}
	const channel = channelOf(config.schema ?? 'public');
	const store = new Store(db, channel);
	const catalogue = new ScenarioCatalogue(await loadShipped(config.scenariosDir, log), store);
	const { bus, stop } = await eventBus(db, channel);
	const api = createHub({
		store,
		catalogue,
		events: bus,
		publicUrl: config.publicUrl,
		trustProxy: config.trustProxy,
		corsOrigins: config.corsOrigins,
		limits: config.limits
	});

	const app = new Hono();
	app.route('/', api);
	const staticDir = config.staticDir;
	// The build (svelte.config.js): files, prerendered pages (`/handbook` is handbook.html, `/` is
	// index.html) and the fallback page, 200.html, for every other path.
	const fallbackFile = staticDir && join(staticDir, '200.html');
	if (staticDir && fallbackFile && existsSync(fallbackFile)) {
		const fallback = await readFile(fallbackFile, 'utf8');
		app.use('*', async (c, next) => {
			await next();
			c.header('X-Content-Type-Options', 'nosniff');
			c.header('Referrer-Policy', 'same-origin');
		});
		app.use('*', serveStatic({ root: staticDir }));
		app.use(
			'*',
			serveStatic({
				root: staticDir,
				rewriteRequestPath: (path) => `${path.replace(/\/$/, '')}.html`
			})
		);
		// Any other path loads the app, which routes in the browser.
		app.get('*', (c) => c.html(fallback));
	} else {
		app.get('/', (c) =>
			c.text(
				'The class hub is running; the app is not built here (npm run build). API: /api/openapi.json\n'
			)
		);
	}

	const server: ServerType = await new Promise((done) => {
		const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => done(s));
	});
	const port = (server.address() as AddressInfo).port;
	const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
	return {
		url,
		port,
		db,
		store,
		async close() {
			await new Promise<void>((done) => {
				server.close(() => done());
				// Event streams stay open until their clients go: end them.
				(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
			});
			await stop();
			await db.close();
		}
	};
}
