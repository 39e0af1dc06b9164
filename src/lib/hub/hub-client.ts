/**
 * The app's calls to a class hub that are not the outbox's: looking a class up before joining
 * it, and reading its board. Every text the hub answers is data (shown as plain text), checked
 * here against a schema before the app uses it.
 */
import { z } from 'zod';
import { normalizeCode } from './class-code';

export const classInfoSchema = z.object({
	code: z.string().regex(/^[0-9A-Z]{12}$/),
	name: z.string().min(1).max(200),
	joinUrl: z.string().max(1000)
});
export type ClassInfo = z.output<typeof classInfoSchema>;

export type LookUp =
	| { kind: 'found'; hub: string; info: ClassInfo }
	/** Not a class code at all (wrong length or letters). */
	| { kind: 'bad-code' }
	/** Not a web address the app can call. */
	| { kind: 'bad-hub' }
	/** The hub answered: no such class. */
	| { kind: 'unknown' }
	/** The hub asked to wait (too many unknown codes from this address). */
	| { kind: 'rate-limited' }
	/** No hub answered (offline, wrong address, or not a hub). */
	| { kind: 'unreachable' };

/**
 * A hub's origin from what a trainee typed or the page's own origin.
 *
 * @example hubOrigin('https://training.example.com/join?class=X') // 'https://training.example.com'
 */
export function hubOrigin(input: string): string | undefined {
	try {
		const url = new URL(input.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
	} catch {
		return undefined;
	}
}

/** The API address of a class, for `path` under it (`/board`, `/events`). */
export function classUrl(hub: string, code: string, path = ''): string {
	return `${hub}/api/classes/${encodeURIComponent(code)}${path}`;
}

/** Asks the hub whether the class exists, and for its name. */
export async function lookUpClass(
	hubInput: string,
	codeInput: string,
	fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init)
): Promise<LookUp> {
	const code = normalizeCode(codeInput);
	if (!code) return { kind: 'bad-code' };
	const hub = hubOrigin(hubInput);
	if (!hub) return { kind: 'bad-hub' };
	let response: Response;
	try {
		response = await fetcher(classUrl(hub, code), { headers: { accept: 'application/json' } });
	} catch {
		return { kind: 'unreachable' };
	}
	if (response.status === 404) return { kind: 'unknown' };
	if (response.status === 429) return { kind: 'rate-limited' };
	if (!response.ok) return { kind: 'unreachable' };
	const parsed = classInfoSchema.safeParse(await response.json().catch(() => null));
	return parsed.success ? { kind: 'found', hub, info: parsed.data } : { kind: 'unreachable' };
}
