/**
 * The trainer's calls to a class hub (docs/hub.md): make a class, check a trainer key, publish a
 * scenario version to the class, and download its CSV and backup. Every answer is checked against
 * a schema before the app uses it, and every way a call can fail is a value, never a throw, so a
 * page can say what happened in the trainer's language.
 */
import { z } from 'zod';
import { normalizeCode } from './class-code';
import { classUrl, hubOrigin } from './hub-client';

type Fetcher = typeof fetch;
const defaultFetch: Fetcher = (input, init) => globalThis.fetch(input, init);

const publishedSchema = z.object({
	id: z.string().max(200),
	version: z.number().int(),
	hash: z.string().max(100)
});
export type PublishedVersion = z.output<typeof publishedSchema>;

const trainerViewSchema = z.object({
	code: z.string().regex(/^[0-9A-Z]{12}$/),
	name: z.string().min(1).max(200),
	joinUrl: z.string().max(1000),
	attempts: z.number().int().nonnegative(),
	scenarios: z.array(publishedSchema).max(10_000)
});
/** The class as its trainer sees it. */
export type TrainerView = z.output<typeof trainerViewSchema>;

const createdSchema = z.object({
	code: z.string().regex(/^[0-9A-Z]{12}$/),
	name: z.string().min(1).max(200),
	trainerKey: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
	joinUrl: z.string().max(1000)
});
export type CreatedClass = z.output<typeof createdSchema> & { hub: string };

/** Why a trainer call did not do what was asked. */
export type TrainerFailure =
	| { kind: 'bad-hub' }
	| { kind: 'bad-code' }
	/** The hub knows no class with this code. */
	| { kind: 'unknown' }
	/** The key is not this class's trainer key. */
	| { kind: 'wrong-key' }
	| { kind: 'rate-limited' }
	/** The hub refused the scenario: the same version with other content is already there. */
	| { kind: 'version-taken'; message: string }
	/** The hub refused the scenario file (its own message, in English, as data). */
	| { kind: 'invalid'; message: string }
	/** No hub answered, or it answered something else than a hub would. */
	| { kind: 'unreachable' };

export type TrainerResult<T> = ({ ok: true } & T) | ({ ok: false } & TrainerFailure);

async function send(fetcher: Fetcher, url: string, init: RequestInit): Promise<Response | null> {
	try {
		return await fetcher(url, { ...init, cache: 'no-store' });
	} catch {
		return null;
	}
}

function failureOf(response: Response | null, body: unknown): TrainerFailure {
	if (!response) return { kind: 'unreachable' };
	const problem = z
		.object({ error: z.string().max(100), message: z.string().max(2000).optional() })
		.safeParse(body);
	const message = problem.success ? (problem.data.message ?? '') : '';
	if (response.status === 404) return { kind: 'unknown' };
	if (response.status === 401) return { kind: 'wrong-key' };
	if (response.status === 429) return { kind: 'rate-limited' };
	if (response.status === 409) return { kind: 'version-taken', message };
	if (response.status === 422 || response.status === 413) return { kind: 'invalid', message };
	return { kind: 'unreachable' };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Makes a new class on the hub at `hubInput`; its answer holds the trainer key, shown once. */
export async function createClass(
	hubInput: string,
	name: string,
	fetcher: Fetcher = defaultFetch
): Promise<TrainerResult<{ created: CreatedClass }>> {
	const hub = hubOrigin(hubInput);
	if (!hub) return { ok: false, kind: 'bad-hub' };
	const response = await send(fetcher, `${hub}/api/classes`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ name })
	});
	const body = await response?.json().catch(() => null);
	if (response?.status === 201) {
		const parsed = createdSchema.safeParse(body);
		if (parsed.success) return { ok: true, created: { ...parsed.data, hub } };
	}
	// A name the hub refused (empty, too long) comes back as a 400.
	if (response?.status === 400) return { ok: false, kind: 'invalid', message: '' };
	return { ok: false, ...failureOf(response ?? null, body) };
}

/** The class as its trainer sees it; also how a key typed by hand is checked before it is kept. */
export async function trainerView(
	hubInput: string,
	codeInput: string,
	key: string,
	fetcher: Fetcher = defaultFetch
): Promise<TrainerResult<{ hub: string; view: TrainerView }>> {
	const hub = hubOrigin(hubInput);
	if (!hub) return { ok: false, kind: 'bad-hub' };
	const code = normalizeCode(codeInput);
	if (!code) return { ok: false, kind: 'bad-code' };
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(key.trim())) return { ok: false, kind: 'wrong-key' };
	const response = await send(fetcher, classUrl(hub, code, '/trainer'), {
		headers: { ...bearer(key.trim()), accept: 'application/json' }
	});
	const body = await response?.json().catch(() => null);
	if (response?.ok) {
		const parsed = trainerViewSchema.safeParse(body);
		if (parsed.success) return { ok: true, hub, view: parsed.data };
	}
	return { ok: false, ...failureOf(response ?? null, body) };
}

/** Publishes one scenario version (the file's text, as stored) to the class. */
export async function publishToClass(
	hub: string,
	code: string,
	key: string,
	text: string,
	fetcher: Fetcher = defaultFetch
): Promise<TrainerResult<{ published: PublishedVersion; already: boolean }>> {
	const response = await send(fetcher, classUrl(hub, code, '/scenarios'), {
		method: 'POST',
		headers: { ...bearer(key), 'content-type': 'application/json', accept: 'application/json' },
		body: text
	});
	const body = await response?.json().catch(() => null);
	if (response && (response.status === 201 || response.status === 200)) {
		const parsed = publishedSchema.safeParse(body);
		if (parsed.success)
			return { ok: true, published: parsed.data, already: response.status === 200 };
	}
	return { ok: false, ...failureOf(response ?? null, body) };
}

/** A trainer-only download (`/export.csv` or `/backup`) as a file's contents. */
export async function trainerDownload(
	hub: string,
	code: string,
	key: string,
	what: 'export.csv' | 'backup',
	fetcher: Fetcher = defaultFetch
): Promise<TrainerResult<{ blob: Blob }>> {
	const response = await send(fetcher, classUrl(hub, code, `/${what}`), {
		headers: bearer(key)
	});
	if (response?.ok) return { ok: true, blob: await response.blob() };
	const body = await response?.json().catch(() => null);
	return { ok: false, ...failureOf(response ?? null, body) };
}
