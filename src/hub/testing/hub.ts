/** Running a real hub on a free port for a test file, on either database. */
import { inject } from 'vitest';
import { resolve } from 'node:path';
import type { HubLimits } from '../app';
import { startHub, type RunningHub } from '../server';
import { freshSchema } from './postgres';

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = ['pglite', 'postgres'];

export const ROOT = resolve(import.meta.dirname, '../../..');

/** Limits far above what a test sends, unless a test sets its own. */
export const OPEN_LIMITS: HubLimits = {
	attempts: { burst: 100_000, perMinute: 100_000 },
	unknownClass: { burst: 100_000, perMinute: 100_000 },
	newClass: { burst: 100_000, perMinute: 100_000 }
};

export interface TestHub extends RunningHub {
	schema?: string;
}

export async function startTestHub(
	kind: DbKind,
	label: string,
	options: { limits?: Partial<HubLimits>; corsOrigins?: string[] } = {}
): Promise<TestHub> {
	const base = {
		port: 0,
		host: '127.0.0.1',
		scenariosDir: resolve(ROOT, 'scenarios'),
		limits: { ...OPEN_LIMITS, ...options.limits },
		corsOrigins: options.corsOrigins
	};
	if (kind === 'pglite') return startHub(base, () => {});
	const url = inject('postgresUrl');
	const schema = await freshSchema(url, label);
	const hub = await startHub({ ...base, databaseUrl: url, schema: schema.name }, () => {});
	return {
		...hub,
		schema: schema.name,
		async close() {
			await hub.close();
			await schema.drop();
		}
	};
}

/** A parsed JSON answer, read freely by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

/** JSON over HTTP, answering the status, headers and parsed body. */
export async function call(
	url: string,
	init: RequestInit & { json?: unknown } = {}
): Promise<{ status: number; headers: Headers; body: Body }> {
	const { json, ...rest } = init;
	const response = await fetch(url, {
		...rest,
		...(json !== undefined
			? {
					body: typeof json === 'string' ? json : JSON.stringify(json),
					headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) }
				}
			: {})
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		// not JSON: the text itself
	}
	return { status: response.status, headers: response.headers, body };
}
