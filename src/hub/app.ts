/**
 * The class hub's HTTP API (Hono). Paths, bodies and answers are described in openapi.ts and
 * served at /api/openapi.json; docs/hub.md has the threat model these checks answer.
 *
 * Every attempt is verified with the app's own engine (verifyAttempt, replaying it on the
 * scenario version it names) and only the recomputed result is stored, keyed by the attempt's
 * content fingerprint (src/lib/db/fingerprint.ts), so a second post of the same play is a 200.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { exportedAttemptFingerprint } from '../lib/db/fingerprint';
import { newSeed } from '../lib/db/ids';
import { nameKey, nameSchema, scenarioRefSchema, seedSchema } from '../lib/db/records';
import {
	attemptText,
	tooLarge,
	verifyAttempt,
	type RefusedVerdict
} from '../lib/engine/results/verify-attempt';
import { parseScenario } from '../lib/engine/scenario/parse-scenario';
import { MAX_FILE_BYTES } from '../lib/engine/scenario/safe-json';
import { refusalReason } from '../lib/results/verdict-text';
import { toCsv } from '../lib/scoreboard/csv';
import {
	PERIODS,
	intersectWindows,
	periodWindow,
	rankCompetition,
	rankCompetitionTeams,
	rankScenario,
	rankTeams,
	type Period
} from '../lib/scoreboard/ranking';
import { readLimited } from './body';
import { openApiDocument } from './openapi';
import type { ScenarioCatalogue } from './scenarios';
import {
	hashTrainerKey,
	newClassCode,
	newTrainerKey,
	normalizeCode,
	RateLimiter,
	trainerKeyMatches,
	type Limit
} from './security';
import type { ClassRow, Store, StoredAttempt } from './store';

/** Where accepted attempts are announced: every hub on the same database hears every class. */
export interface EventBus {
	subscribe(code: string, onEvent: () => void): () => void;
}

export interface HubLimits {
	/** Attempt posts per client address. */
	attempts: Limit;
	/** Requests naming a class that does not exist, per client address (code guessing). */
	unknownClass: Limit;
	/** New classes per client address. */
	newClass: Limit;
}

export const DEFAULT_LIMITS: HubLimits = {
	attempts: { burst: 60, perMinute: 60 },
	unknownClass: { burst: 20, perMinute: 10 },
	newClass: { burst: 10, perMinute: 2 }
};

/**
 * How long after a competition closes a result may still reach the hub and count, when it claims
 * a finish inside the window: a trainee's outbox sends on the next connection (docs/hub.md).
 */
export const COMPETITION_ARRIVAL_GRACE_MS = 15 * 60_000;

/** Largest body of a call that is not an attempt or a scenario. */
export const MAX_SMALL_BODY = 16 * 1024;

export interface HubOptions {
	store: Store;
	catalogue: ScenarioCatalogue;
	events: EventBus;
	/** The address the app is reached at, for join links (`https://hub.example.com`); else the request's. */
	publicUrl?: string;
	/** Behind a reverse proxy: take the client address and public address from X-Forwarded-*. */
	trustProxy?: boolean;
	/** Origins allowed to call the API from another site; none by default (CORS off). */
	corsOrigins?: readonly string[];
	limits?: Partial<HubLimits>;
	/** Seconds between keep-alive comments on an event stream. */
	keepAliveSeconds?: number;
	/** The client's address when the server does not give one (tests with app.request). */
	clientAddress?: (c: Context) => string | undefined;
}

type Env = { Variables: { hubClass: ClassRow } };

const BAD_INPUT = 400;

function problem(c: Context, status: number, error: string, message: string, extra: object = {}) {
	return c.json({ error, message, ...extra }, status as 400);
}

/** A path parameter (the routes name them; a missing one reads as empty). */
function param(c: Context, name: string): string {
	return c.req.param(name) ?? '';
}

function localeOf(c: Context): 'en' | 'zh-CN' {
	return /^\s*zh/i.test(c.req.header('accept-language') ?? '') ? 'zh-CN' : 'en';
}

function attemptJson(attempt: StoredAttempt) {
	return {
		hash: attempt.hash,
		seq: attempt.seq,
		player: attempt.player,
		team: attempt.team,
		scenario: { id: attempt.scenario.id, version: attempt.scenario.version },
		mode: attempt.mode,
		outcome: attempt.outcome,
		score: attempt.score,
		weeksUsed: attempt.weeksUsed,
		seed: attempt.seed,
		rules: attempt.rules,
		startedAt: new Date(attempt.startedAt).toISOString(),
		finishedAt: new Date(attempt.finishedAt).toISOString()
	};
}

/** A ranked team as the board answers it; `member` says what each member row shows. */
function teamJson<M>(
	row: {
		rank: number;
		teamName: string;
		teamId: string;
		average: number;
		averageWeeks: number;
		lastArrival: number;
		members: M[];
	},
	member: (m: M) => object
) {
	return {
		rank: row.rank,
		team: row.teamName,
		teamKey: row.teamId,
		average: row.average,
		averageWeeks: row.averageWeeks,
		lastArrival: new Date(row.lastArrival).toISOString(),
		members: row.members.map(member)
	};
}

function refusedJson(verdict: RefusedVerdict, locale: 'en' | 'zh-CN') {
	return {
		error: 'refused',
		reason: verdict.reason,
		message: refusalReason(verdict, locale),
		params: verdict.params,
		...(verdict.problems
			? {
					problems: verdict.problems.slice(0, 20).map((p) => ({
						code: p.code,
						path: p.pathText,
						line: p.line,
						column: p.column,
						message: p.message
					}))
				}
			: {})
	};
}

const isoTime = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));
const optionalTime = z.union([isoTime, z.null()]).optional();

const competitionBody = z
	.strictObject({
		id: z
			.string()
			.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes')
			.optional(),
		name: nameSchema,
		scenarios: z.array(scenarioRefSchema).min(1).max(50),
		from: optionalTime,
		to: optionalTime,
		/** The deal every player gets; drawn when left out. */
		seed: seedSchema.optional()
	})
	.refine((c) => c.from == null || c.to == null || c.from < c.to, {
		message: 'the window must end after it starts',
		path: ['to']
	});

const boardQuery = z.strictObject({
	scenario: z.string().max(200).optional(),
	version: z.coerce.number().int().min(1).optional(),
	view: z.enum(['players', 'teams']).default('players'),
	competition: z.string().max(64).optional(),
	period: z.enum(PERIODS).default('all'),
	from: isoTime.optional(),
	to: isoTime.optional(),
	limit: z.coerce.number().int().min(1).max(100_000).optional()
});

/** Builds the hub's Hono app. */
export function createHub(options: HubOptions) {
	const { store, catalogue } = options;
	const limits = { ...DEFAULT_LIMITS, ...options.limits };
	const attemptLimiter = new RateLimiter(limits.attempts);
	const unknownLimiter = new RateLimiter(limits.unknownClass);
	const newClassLimiter = new RateLimiter(limits.newClass);
	const keepAlive = (options.keepAliveSeconds ?? 15) * 1000;

	const app = new Hono<Env>();

	function clientAddress(c: Context): string {
		if (options.trustProxy) {
			const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
			if (forwarded) return forwarded;
		}
		const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
			?.incoming;
		return incoming?.socket?.remoteAddress ?? options.clientAddress?.(c) ?? 'unknown';
	}

	function publicOrigin(c: Context): string {
		if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
		const url = new URL(c.req.url);
		if (options.trustProxy) {
			const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
			const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
			if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
			if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) url.host = host;
		}
		return url.origin;
	}

	function tooMany(c: Context, seconds: number) {
		c.header('Retry-After', String(seconds));
		return problem(c, 429, 'rate-limited', `Too many requests; try again in ${seconds} s.`);
	}

	// API answers are data, never a page: nothing in them may run or be framed.
	app.use('/api/*', async (c, next) => {
		await next();
		c.header('X-Content-Type-Options', 'nosniff');
		c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
		c.header('Referrer-Policy', 'no-referrer');
		if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
	});
	if (options.corsOrigins && options.corsOrigins.length > 0) {
		app.use(
			'/api/*',
			cors({
				origin: [...options.corsOrigins],
				allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID'],
				allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
			})
		);
	}

	app.onError((error, c) => {
		console.error(error);
		return problem(c, 500, 'internal', 'The hub could not do that; the error is in its log.');
	});

	app.get('/api/openapi.json', (c) => c.json(openApiDocument));
	app.get('/api/health', async (c) => {
		await store.db.query('SELECT 1');
		return c.json({ ok: true, database: store.db.kind });
	});

	app.post('/api/classes', async (c) => {
		const wait = newClassLimiter.take(clientAddress(c));
		if (wait) return tooMany(c, wait);
		const body = await readJson(c);
		if (!body.ok) return body.response;
		const parsed = z.strictObject({ name: nameSchema }).safeParse(body.value);
		if (!parsed.success) return invalid(c, parsed.error);
		const code = newClassCode();
		const trainerKey = newTrainerKey();
		await store.createClass(code, parsed.data.name, hashTrainerKey(trainerKey));
		return c.json(
			{
				code,
				name: parsed.data.name,
				trainerKey,
				joinUrl: `${publicOrigin(c)}/join?class=${code}`
			},
			201
		);
	});

	// Every call under /api/classes/{code}: the class must exist; guesses are rate-limited.
	app.use('/api/classes/:code/*', classScope);
	app.use('/api/classes/:code', classScope);
	async function classScope(c: Context<Env>, next: () => Promise<void>) {
		const address = clientAddress(c);
		const wait = unknownLimiter.wait(address);
		if (wait) return tooMany(c, wait);
		const code = normalizeCode(c.req.param('code') ?? '');
		const found = code ? await store.findClass(code) : undefined;
		if (!found) {
			unknownLimiter.take(address);
			return problem(c, 404, 'unknown-class', 'There is no class with this code.');
		}
		c.set('hubClass', found);
		await next();
	}

	async function trainer(c: Context<Env>, next: () => Promise<void>) {
		const header = c.req.header('authorization') ?? '';
		const match = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/.exec(header);
		const stored = await store.trainerKeyHash(c.get('hubClass').code);
		if (!match || !stored || !trainerKeyMatches(match[1], stored)) {
			c.header('WWW-Authenticate', 'Bearer realm="sales-sim hub"');
			return problem(
				c,
				401,
				'trainer-only',
				"Only the class's trainer may do this: send Authorization: Bearer <trainerKey>."
			);
		}
		await next();
	}

	app.get('/api/classes/:code', (c) => {
		const found = c.get('hubClass');
		return c.json({
			code: found.code,
			name: found.name,
			createdAt: new Date(found.createdAt).toISOString(),
			joinUrl: `${publicOrigin(c)}/join?class=${found.code}`
		});
	});

	// The trainer's view of the class: what the app's class page shows, and a check of the key.
	app.get('/api/classes/:code/trainer', trainer, async (c) => {
		const found = c.get('hubClass');
		return c.json({
			code: found.code,
			name: found.name,
			createdAt: new Date(found.createdAt).toISOString(),
			joinUrl: `${publicOrigin(c)}/join?class=${found.code}`,
			attempts: await store.countAttempts(found.code),
			scenarios: await store.listPublished(found.code)
		});
	});

	// ---------------------------------------------------------------- attempts

	app.post('/api/classes/:code/attempts', async (c) => {
		const wait = attemptLimiter.take(clientAddress(c));
		if (wait) return tooMany(c, wait);
		const code = c.get('hubClass').code;
		const locale = localeOf(c);
		const body = await readLimited(c.req.raw, MAX_FILE_BYTES);
		if (!body.ok) {
			if (!body.drained) c.header('Connection', 'close');
			return c.json(refusedJson(tooLarge(body.size), locale), 413);
		}
		const read = attemptText(body.bytes);
		if (!read.ok)
			return c.json(
				refusedJson(read.verdict, locale),
				read.verdict.reason === 'too-large' ? 413 : 422
			);
		const verdict = await verifyAttempt(read.text, catalogue.lookupFor(code), { now: Date.now() });
		if (verdict.status === 'refused')
			return c.json(refusedJson(verdict, locale), verdict.reason === 'too-large' ? 413 : 422);
		const kept = verdict.attempt;
		const saved = await store.insertAttempt(code, {
			hash: exportedAttemptFingerprint(kept),
			player: kept.player,
			team: kept.team ?? null,
			scenario: kept.scenario,
			mode: kept.mode,
			outcome: verdict.result.outcome,
			score: verdict.result.score,
			weeksUsed: verdict.weeksUsed,
			startedAt: Date.parse(kept.startedAt),
			finishedAt: Date.parse(kept.finishedAt),
			seed: kept.seed,
			rules: kept.rules,
			file: kept
		});
		return c.json(
			{
				status: saved.status === 'created' ? 'accepted' : 'stored',
				attempt: attemptJson(saved.attempt),
				result: verdict.result,
				counts: !verdict.practice
			},
			saved.status === 'created' ? 201 : 200
		);
	});

	app.get('/api/classes/:code/attempts/:hash', async (c) => {
		const found = await store.findAttempt(c.get('hubClass').code, param(c, 'hash'));
		if (!found) return problem(c, 404, 'unknown-attempt', 'This class has no such attempt.');
		return c.json(attemptJson(found));
	});

	app.delete('/api/classes/:code/attempts/:hash', trainer, async (c) => {
		const removed = await store.removeAttempt(c.get('hubClass').code, param(c, 'hash'));
		if (!removed) return problem(c, 404, 'unknown-attempt', 'This class has no such attempt.');
		return c.body(null, 204);
	});

	// ---------------------------------------------------------------- the board

	app.get('/api/classes/:code/board', async (c) => {
		const code = c.get('hubClass').code;
		const parsed = boardQuery.safeParse(c.req.query());
		if (!parsed.success) return invalid(c, parsed.error);
		const query = parsed.data;
		const period: Period =
			query.period === 'custom'
				? { kind: 'custom', from: query.from ?? null, to: query.to ?? null }
				: { kind: query.period };
		let window = periodWindow(period, new Date());
		const cut = <T>(rows: T[]) => (query.limit ? rows.slice(0, query.limit) : rows);
		const windowJson = {
			from: window.from == null ? null : new Date(window.from).toISOString(),
			to: window.to == null ? null : new Date(window.to).toISOString()
		};

		if (query.competition) {
			const competition = await store.competition(code, query.competition);
			if (!competition)
				return problem(c, 404, 'unknown-competition', 'This class has no such competition.');
			window = intersectWindows(window, { from: competition.from, to: competition.to });
			// A result claims its finishing time; its arrival here is the hub's own clock. So a play
			// made after the competition closed, dated back into its window, does not count.
			const arrivedBefore =
				competition.to == null ? undefined : competition.to + COMPETITION_ARRIVAL_GRACE_MS;
			const boards = await Promise.all(
				competition.scenarios.map((ref) =>
					store.bestEntries(code, ref, window, competition.seed ?? undefined, arrivedBefore)
				)
			);
			const players = rankCompetition(boards);
			const head = { view: query.view, competition, period: period.kind, window: windowJson };
			if (query.view === 'teams') {
				const teams = rankCompetitionTeams(players);
				return c.json({
					...head,
					total: teams.rows.length,
					withoutTeam: teams.withoutTeam,
					rows: cut(teams.rows).map((row) =>
						teamJson(row, (m) => ({ player: m.playerName, total: m.total }))
					)
				});
			}
			return c.json({
				...head,
				total: players.length,
				rows: cut(players).map((row) => ({
					rank: row.rank,
					player: row.playerName,
					team: row.teamName,
					total: row.total,
					weeks: row.weeks,
					lastArrival: new Date(row.lastArrival).toISOString(),
					scores: row.cells.map((cell) => (cell ? cell.score : null))
				}))
			});
		}

		const scenario = query.scenario
			? query.version
				? { id: query.scenario, version: query.version }
				: await store.lastPlayed(code, query.scenario)
			: await store.lastPlayed(code);
		if (!scenario)
			return c.json({
				view: query.view,
				scenario: null,
				period: period.kind,
				window: windowJson,
				total: 0,
				rows: []
			});
		const entries = await store.bestEntries(code, scenario, window);
		const head = { view: query.view, scenario, period: period.kind, window: windowJson };
		if (query.view === 'teams') {
			const teams = rankTeams(entries);
			return c.json({
				...head,
				total: teams.rows.length,
				withoutTeam: teams.withoutTeam,
				rows: cut(teams.rows).map((row) =>
					teamJson(row, (m) => ({ player: m.playerName, score: m.score }))
				)
			});
		}
		const ranked = rankScenario(entries);
		return c.json({
			...head,
			total: ranked.length,
			rows: cut(ranked).map(({ rank, entry }) => ({
				rank,
				player: entry.playerName,
				team: entry.teamName,
				score: entry.score,
				outcome: entry.outcome,
				weeksUsed: entry.weeksUsed,
				finishedAt: new Date(entry.finishedAt).toISOString(),
				attempt: entry.attemptId
			}))
		});
	});

	// ---------------------------------------------------------------- live events

	app.get('/api/classes/:code/events', (c) => {
		const code = c.get('hubClass').code;
		const given = c.req.header('last-event-id') ?? c.req.query('after') ?? '0';
		const start = /^\d{1,9}$/.test(given) ? Number(given) : 0;
		c.header('Cache-Control', 'no-store');
		// Proxies (nginx) must not hold the stream back.
		c.header('X-Accel-Buffering', 'no');
		return streamSSE(c, async (stream) => {
			let position = start;
			let pending = true;
			let wake: (() => void) | undefined;
			let closed = false;
			const unsubscribe = options.events.subscribe(code, () => {
				pending = true;
				wake?.();
			});
			stream.onAbort(() => {
				closed = true;
				wake?.();
			});
			try {
				await stream.write('retry: 2000\n\n');
				while (!closed) {
					if (pending) {
						pending = false;
						const events = await store.eventsAfter(code, position);
						for (const event of events) {
							await stream.writeSSE({
								id: String(event.seq),
								event: event.kind,
								data: JSON.stringify(
									event.kind === 'attempt' && event.attempt
										? { ...attemptJson(event.attempt), seq: event.seq }
										: { seq: event.seq, hash: event.hash, gone: event.kind === 'attempt' }
								)
							});
							position = event.seq;
						}
						if (events.length === 500) pending = true;
						continue;
					}
					const timedOut = await new Promise<boolean>((resolve) => {
						const timer = setTimeout(() => resolve(true), keepAlive);
						wake = () => {
							clearTimeout(timer);
							resolve(false);
						};
					});
					wake = undefined;
					if (timedOut && !closed) await stream.write(': keep-alive\n\n');
				}
			} finally {
				unsubscribe();
			}
		});
	});

	// ---------------------------------------------------------------- scenarios

	app.get('/api/classes/:code/scenarios', async (c) =>
		c.json({ scenarios: await store.listPublished(c.get('hubClass').code) })
	);

	app.get('/api/classes/:code/scenarios/:id/:version', async (c) => {
		const version = Number(param(c, 'version'));
		const found = Number.isInteger(version)
			? await store.publishedScenario(c.get('hubClass').code, param(c, 'id'), version)
			: undefined;
		if (!found) return problem(c, 404, 'unknown-scenario', 'Not published to this class.');
		c.header('Content-Type', 'application/json; charset=utf-8');
		return c.body(found.text);
	});

	app.post('/api/classes/:code/scenarios', trainer, async (c) => {
		const code = c.get('hubClass').code;
		const body = await readLimited(c.req.raw, MAX_FILE_BYTES);
		if (!body.ok) {
			if (!body.drained) c.header('Connection', 'close');
			return problem(
				c,
				413,
				'too-large',
				`A scenario file may hold at most ${MAX_FILE_BYTES} bytes.`
			);
		}
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
		} catch {
			return problem(c, 422, 'invalid-scenario', 'The scenario file is not UTF-8 text.');
		}
		const parsed = await parseScenario(text);
		if (!parsed.ok)
			return problem(c, 422, 'invalid-scenario', 'The scenario file does not validate.', {
				problems: parsed.errors.slice(0, 50).map((p) => ({
					code: p.code,
					path: p.pathText,
					line: p.line,
					column: p.column,
					message: p.message
				}))
			});
		const { id, version } = parsed.scenario;
		const shipped = catalogue.shippedVersion(id, version);
		if (shipped && shipped.hash !== parsed.hash)
			return problem(
				c,
				409,
				'version-taken',
				`${id} version ${version} ships with the app with other content: publish it as a higher version.`
			);
		const saved = await store.publishScenario(code, { id, version, hash: parsed.hash, text });
		if (saved === 'conflict')
			return problem(
				c,
				409,
				'version-taken',
				`${id} version ${version} is already published to this class with other content: publish it as a higher version.`
			);
		return c.json({ id, version, hash: parsed.hash }, saved === 'created' ? 201 : 200);
	});

	// ---------------------------------------------------------------- teams

	app.get('/api/classes/:code/teams', async (c) =>
		c.json({ teams: await store.teams(c.get('hubClass').code) })
	);

	app.post('/api/classes/:code/teams', trainer, async (c) => {
		const body = await readJson(c);
		if (!body.ok) return body.response;
		const parsed = z.strictObject({ name: nameSchema }).safeParse(body.value);
		if (!parsed.success) return invalid(c, parsed.error);
		const key = await store.saveTeam(c.get('hubClass').code, parsed.data.name);
		return c.json({ key, name: parsed.data.name }, 201);
	});

	app.patch('/api/classes/:code/teams/:key', trainer, async (c) => {
		const code = c.get('hubClass').code;
		const key = param(c, 'key');
		if (!(await store.teamExists(code, key)))
			return problem(c, 404, 'unknown-team', 'This class has no such team.');
		const body = await readJson(c);
		if (!body.ok) return body.response;
		const parsed = z.strictObject({ name: nameSchema }).safeParse(body.value);
		if (!parsed.success) return invalid(c, parsed.error);
		await store.saveTeam(code, parsed.data.name, key);
		return c.json({ key, name: parsed.data.name });
	});

	app.delete('/api/classes/:code/teams/:key', trainer, async (c) => {
		const removed = await store.deleteTeam(c.get('hubClass').code, param(c, 'key'));
		if (!removed) return problem(c, 404, 'unknown-team', 'This class has no such team.');
		return c.body(null, 204);
	});

	app.put('/api/classes/:code/players/:player/team', trainer, async (c) => {
		const code = c.get('hubClass').code;
		const player = nameSchema.safeParse(param(c, 'player'));
		if (!player.success) return invalid(c, player.error);
		const body = await readJson(c);
		if (!body.ok) return body.response;
		const parsed = z.strictObject({ team: z.string().max(200).nullable() }).safeParse(body.value);
		if (!parsed.success) return invalid(c, parsed.error);
		const team = parsed.data.team === null ? null : nameKey(parsed.data.team);
		if (team !== null && !(await store.teamExists(code, team)))
			return problem(c, 404, 'unknown-team', 'This class has no such team: create it first.');
		const moved = await store.movePlayer(code, player.data, team);
		if (moved === 0)
			return problem(c, 404, 'unknown-player', 'No attempt of this player is stored.');
		return c.json({ player: player.data, team, attempts: moved });
	});

	// ---------------------------------------------------------------- competitions

	app.get('/api/classes/:code/competitions', async (c) =>
		c.json({
			competitions: (await store.competitions(c.get('hubClass').code)).map((comp) => ({
				...comp,
				from: comp.from === null ? null : new Date(comp.from).toISOString(),
				to: comp.to === null ? null : new Date(comp.to).toISOString()
			}))
		})
	);

	app.post('/api/classes/:code/competitions', trainer, async (c) => {
		const body = await readJson(c);
		if (!body.ok) return body.response;
		const parsed = competitionBody.safeParse(body.value);
		if (!parsed.success) return invalid(c, parsed.error);
		const { name, scenarios, from, to } = parsed.data;
		const seed = parsed.data.seed ?? newSeed();
		const id =
			parsed.data.id ?? `c-${Date.now().toString(36)}-${newClassCode().slice(0, 4).toLowerCase()}`;
		await store.saveCompetition(c.get('hubClass').code, {
			id,
			name,
			scenarios,
			from: from ?? null,
			to: to ?? null,
			seed
		});
		return c.json({ id, name, scenarios, seed }, 201);
	});

	app.delete('/api/classes/:code/competitions/:id', trainer, async (c) => {
		const removed = await store.deleteCompetition(c.get('hubClass').code, param(c, 'id'));
		if (!removed)
			return problem(c, 404, 'unknown-competition', 'This class has no such competition.');
		return c.body(null, 204);
	});

	// ---------------------------------------------------------------- exports

	app.get('/api/classes/:code/export.csv', trainer, async (c) => {
		const found = c.get('hubClass');
		const rows = await store.attempts(found.code);
		const csv = toCsv(
			[
				'Player',
				'Team',
				'Scenario',
				'Version',
				'Mode',
				'Outcome',
				'Score',
				'Weeks used',
				'Started',
				'Finished',
				'Attempt'
			],
			rows.map((a) => [
				a.player,
				a.team,
				a.scenario.id,
				a.scenario.version,
				a.mode,
				a.outcome,
				a.score,
				a.weeksUsed,
				new Date(a.startedAt).toISOString(),
				new Date(a.finishedAt).toISOString(),
				a.hash
			])
		);
		c.header('Content-Type', 'text/csv; charset=utf-8');
		c.header('Content-Disposition', `attachment; filename="class-${found.code}.csv"`);
		return c.body(csv);
	});

	app.get('/api/classes/:code/backup', trainer, async (c) => {
		const found = c.get('hubClass');
		const [attempts, published, teams, competitions] = await Promise.all([
			store.attempts(found.code),
			store.listPublished(found.code),
			store.teams(found.code),
			store.competitions(found.code)
		]);
		const scenarios = await Promise.all(
			published.map(async (s) => ({
				...s,
				text: (await store.publishedScenario(found.code, s.id, s.version))?.text ?? ''
			}))
		);
		c.header('Content-Disposition', `attachment; filename="class-${found.code}-backup.json"`);
		return c.json({
			format: 'sales-sim/hub-backup@1',
			exportedAt: new Date().toISOString(),
			class: {
				code: found.code,
				name: found.name,
				createdAt: new Date(found.createdAt).toISOString()
			},
			scenarios,
			teams,
			competitions,
			attempts: attempts.map((a) => ({ hash: a.hash, seq: a.seq, team: a.team, attempt: a.file }))
		});
	});

	app.all('/api/*', (c) =>
		problem(c, 404, 'not-found', 'No such API call (see /api/openapi.json).')
	);

	return app;
}

/** A small JSON body (at most MAX_SMALL_BODY bytes). */
async function readJson(
	c: Context
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	const body = await readLimited(c.req.raw, MAX_SMALL_BODY);
	if (!body.ok) {
		if (!body.drained) c.header('Connection', 'close');
		return {
			ok: false,
			response: problem(c, 413, 'too-large', `At most ${MAX_SMALL_BODY} bytes.`)
		};
	}
	try {
		return {
			ok: true,
			value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes))
		};
	} catch {
		return { ok: false, response: problem(c, BAD_INPUT, 'bad-json', 'The body is not JSON.') };
	}
}

function invalid(c: Context, error: z.ZodError) {
	return problem(c, BAD_INPUT, 'invalid', 'The request does not have the expected shape.', {
		issues: error.issues.slice(0, 20).map((issue) => ({
			path: issue.path.join('.'),
			message: issue.message
		}))
	});
}
