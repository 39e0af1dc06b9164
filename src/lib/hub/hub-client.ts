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

const playerRowSchema = z.object({
	rank: z.number(),
	player: z.string().max(200),
	team: z.string().max(200).nullable().optional(),
	score: z.number()
});
const teamRowSchema = z.object({
	rank: z.number(),
	team: z.string().max(200),
	teamKey: z.string().max(200),
	average: z.number(),
	members: z.array(z.object({ player: z.string().max(200) })).max(10_000)
});
export const hubBoardSchema = z.union([
	z.object({
		view: z.literal('players'),
		scenario: z.object({ id: z.string().max(200), version: z.number() }).nullable(),
		rows: z.array(playerRowSchema).max(100_000)
	}),
	z.object({
		view: z.literal('teams'),
		scenario: z.object({ id: z.string().max(200), version: z.number() }).nullable(),
		rows: z.array(teamRowSchema).max(100_000)
	})
]);
export type HubBoard = z.output<typeof hubBoardSchema>;
export type HubBoardView = HubBoard['view'];

/** A class's board as the hub ranks it (the last scenario played, all time). */
export async function fetchBoard(
	hub: string,
	code: string,
	view: HubBoardView,
	fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init)
): Promise<HubBoard> {
	const response = await fetcher(classUrl(hub, code, `/board?view=${view}`), {
		headers: { accept: 'application/json' },
		cache: 'no-store'
	});
	if (!response.ok) throw new Error(`The hub answered HTTP ${response.status}.`);
	return hubBoardSchema.parse(await response.json());
}
