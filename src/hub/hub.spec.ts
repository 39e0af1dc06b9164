/**
 * The class hub over real HTTP, on the embedded database (PGlite) and on a PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalReason } from '../lib/results/verdict-text';
import { verifyAttempt, lookupOf } from '../lib/engine/results/verify-attempt';
import type { ExportedAttempt } from '../lib/engine/scenario/schema';
import { openApiDocument } from './openapi';
import {
	honestAttempt,
	testScenario,
	TEST_SCENARIO_TEXT,
	type PlayedScenario
} from './testing/attempts';
import { call, DB_KINDS, startTestHub, type Body, type TestHub } from './testing/hub';

const played: PlayedScenario = await testScenario();

/** Reads server-sent events from a stream until `count` have come (or `ms` pass). */
async function readEvents(
	url: string,
	headers: Record<string, string>,
	count: number,
	ms = 10_000,
	during?: () => Promise<void>
): Promise<{ id: string; event: string; data: Body }[]> {
	const controller = new AbortController();
	const response = await fetch(url, { headers, signal: controller.signal });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const events: { id: string; event: string; data: Body }[] = [];
	let buffer = '';
	const timer = setTimeout(() => controller.abort(), ms);
	const extra = during?.();
	try {
		while (events.length < count) {
			const { value, done } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const fields = Object.fromEntries(
					block
						.split('\n')
						.filter((line) => line && !line.startsWith(':'))
						.map((line) => [
							line.slice(0, line.indexOf(':')),
							line.slice(line.indexOf(':') + 1).trim()
						])
				);
				if (fields.data)
					events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
			}
		}
	} catch (error) {
		if ((error as Error).name !== 'AbortError') throw error;
	} finally {
		clearTimeout(timer);
		controller.abort();
		await extra;
	}
	return events;
}

describe.each(DB_KINDS)('class hub on %s', (kind) => {
	let hub: TestHub;
	let api: string;
	let code: string;
	let key: string;
	const auth = () => ({ authorization: `Bearer ${key}` });
	const post = (attempt: unknown, classCode = code) =>
		call(`${api}/classes/${classCode}/attempts`, { method: 'POST', json: attempt });

	beforeAll(async () => {
		hub = await startTestHub(kind, 'api');
		api = `${hub.url}/api`;
		const created = await call(`${api}/classes`, {
			method: 'POST',
			json: { name: 'Shanghai intake' }
		});
		expect(created.status).toBe(201);
		({ code, trainerKey: key } = created.body);
	});
	afterAll(() => hub?.close());

	it('creates a class with an unguessable code, a trainer key kept only as a hash, and a join link', async () => {
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
		expect(key.length).toBeGreaterThanOrEqual(43);
		const created = await call(`${api}/classes`, { method: 'POST', json: { name: 'Other' } });
		expect(created.body.code).not.toBe(code);
		expect(created.body.joinUrl).toBe(`${hub.url}/join?class=${created.body.code}`);
		const [row] = await hub.db.query('SELECT trainer_key_hash FROM classes WHERE code = $1', [
			code
		]);
		expect(row.trainer_key_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(key);
		// A code as typed by a person finds the class.
		const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;
		expect((await call(`${api}/classes/${encodeURIComponent(typed)}`)).body.code).toBe(code);
		expect((await call(`${api}/classes`, { method: 'POST', json: { name: '' } })).status).toBe(400);
		expect(
			(await call(`${api}/classes`, { method: 'POST', json: { name: 'x', extra: 1 } })).status
		).toBe(400);
		expect((await call(`${api}/classes`, { method: 'POST', json: '{"name":' })).status).toBe(400);
	});

	it('answers 404 for an unknown class on every call', async () => {
		const unknown = 'ZZZZZZZZZZZZ' === code ? 'YYYYYYYYYYYY' : 'ZZZZZZZZZZZZ';
		expect((await post(honestAttempt(played, { player: 'A' }), unknown)).status).toBe(404);
		expect((await call(`${api}/classes/${unknown}/board`)).status).toBe(404);
		expect((await call(`${api}/classes/${unknown}/events`)).status).toBe(404);
		expect((await call(`${api}/classes/not-a-code/board`)).status).toBe(404);
		const body = (await call(`${api}/classes/${unknown}/board`)).body;
		expect(body).toEqual({ error: 'unknown-class', message: 'There is no class with this code.' });
	});

	it('refuses trainer calls without the class’s key', async () => {
		const other = (await call(`${api}/classes`, { method: 'POST', json: { name: 'Other' } })).body;
		type Headers = Record<string, string>;
		const calls = [
			(headers: Headers) =>
				call(`${api}/classes/${code}/scenarios`, {
					method: 'POST',
					json: TEST_SCENARIO_TEXT,
					headers
				}),
			(headers: Headers) =>
				call(`${api}/classes/${code}/teams`, { method: 'POST', json: { name: 'East' }, headers }),
			(headers: Headers) =>
				call(`${api}/classes/${code}/competitions`, {
					method: 'POST',
					json: { name: 'Cup', scenarios: [{ id: 'test-plant', version: 1 }] },
					headers
				}),
			(headers: Headers) =>
				call(`${api}/classes/${code}/attempts/${'0'.repeat(64)}`, { method: 'DELETE', headers }),
			(headers: Headers) => call(`${api}/classes/${code}/trainer`, { headers }),
			(headers: Headers) => call(`${api}/classes/${code}/export.csv`, { headers }),
			(headers: Headers) => call(`${api}/classes/${code}/backup`, { headers }),
			(headers: Headers) =>
				call(`${api}/classes/${code}/teams/east`, { method: 'DELETE', headers }),
			(headers: Headers) =>
				call(`${api}/classes/${code}/players/Li%20Na/team`, {
					method: 'PUT',
					json: { team: null },
					headers
				})
		];
		for (const headers of [
			{} as Headers,
			{ authorization: `Bearer ${other.trainerKey}` },
			{ authorization: 'Bearer nonsense' },
			{ authorization: key }
		]) {
			for (const trainerCall of calls) {
				const response = await trainerCall(headers);
				expect(response.status).toBe(401);
				expect(response.body.error).toBe('trainer-only');
			}
		}
		expect((await call(`${api}/classes/${code}/scenarios`)).body.scenarios).toEqual([]);
		expect((await call(`${api}/classes/${code}/teams`)).body.teams).toEqual([]);
	});

	it('verifies attempts of a trainer scenario only once it is published to the class', async () => {
		const before = await post(honestAttempt(played, { player: 'Early' }));
		expect(before.status).toBe(422);
		expect(before.body.reason).toBe('unknown-scenario');

		const publish = () =>
			call(`${api}/classes/${code}/scenarios`, {
				method: 'POST',
				json: TEST_SCENARIO_TEXT,
				headers: auth()
			});
		const first = await publish();
		expect(first.status).toBe(201);
		expect(first.body).toEqual({ id: 'test-plant', version: 1, hash: played.hash });
		expect((await publish()).status).toBe(200);
		const changed = JSON.parse(TEST_SCENARIO_TEXT);
		changed.resources.budget += 1;
		const conflict = await call(`${api}/classes/${code}/scenarios`, {
			method: 'POST',
			json: changed,
			headers: auth()
		});
		expect(conflict.status).toBe(409);
		const broken = await call(`${api}/classes/${code}/scenarios`, {
			method: 'POST',
			json: { ...changed, version: 2, stages: 'none' },
			headers: auth()
		});
		expect(broken.status).toBe(422);
		expect(broken.body.problems[0].path).toContain('stages');
		const listed = await call(`${api}/classes/${code}/scenarios`);
		expect(listed.body.scenarios).toMatchObject([
			{ id: 'test-plant', version: 1, hash: played.hash }
		]);
		const file = await call(`${api}/classes/${code}/scenarios/test-plant/1`);
		expect(file.body).toEqual(JSON.parse(TEST_SCENARIO_TEXT));
		const view = await call(`${api}/classes/${code}/trainer`, { headers: auth() });
		expect(view.status).toBe(200);
		expect(view.body).toMatchObject({
			code,
			attempts: 0,
			scenarios: [{ id: 'test-plant', version: 1, hash: played.hash }]
		});
		expect(view.body.joinUrl).toMatch(new RegExp(`/join\\?class=${code}$`));
	});

	it('accepts an honest attempt with the verdict, and the same play again as already stored', async () => {
		const attempt = honestAttempt(played, { player: 'Li Na', team: 'East' });
		const first = await post(attempt);
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({
			status: 'accepted',
			counts: true,
			attempt: { player: 'Li Na', team: 'East', outcome: 'won', score: attempt.result.score },
			result: { outcome: 'won', score: attempt.result.score, categories: attempt.result.categories }
		});
		expect(first.body.attempt.hash).toMatch(/^[0-9a-f]{64}$/);
		const again = await post(attempt);
		expect(again.status).toBe(200);
		expect(again.body.status).toBe('stored');
		expect(again.body.attempt).toEqual(first.body.attempt);
		// The same play with other formatting, another team and no categories is the same attempt.
		const restyled = {
			...attempt,
			team: 'West',
			result: { outcome: 'won', score: attempt.result.score }
		};
		const third = await call(`${api}/classes/${code}/attempts`, {
			method: 'POST',
			json: JSON.stringify(restyled, null, 4)
		});
		expect(third.status).toBe(200);
		expect(third.body.attempt.team).toBe('East');
		// A copy makes no team of its own.
		const teams = (await call(`${api}/classes/${code}/teams`)).body.teams;
		expect(teams.map((t: Body) => t.name)).toEqual(['East']);
		// Ten at once: one row.
		const burst = await Promise.all(
			Array.from({ length: 10 }, () => post(honestAttempt(played, { player: 'Wang Fang' })))
		);
		expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
		expect(burst.filter((r) => r.status === 200)).toHaveLength(9);
		const rows = await hub.db.query(
			`SELECT count(*)::int AS n FROM attempts WHERE class_code = $1 AND player_name IN ('Li Na', 'Wang Fang')`,
			[code]
		);
		expect(rows[0].n).toBe(2);
	});

	describe('refuses every kind of tampered attempt with the verifier’s reason', () => {
		const lookup = () => lookupOf([played]);
		const base = () =>
			honestAttempt(played, { player: 'Tamper', finishedAt: Date.UTC(2026, 10, 29) });
		const tampered: [string, () => unknown][] = [
			['score-mismatch', () => ({ ...base(), result: { ...base().result, score: 100 } })],
			['outcome-mismatch', () => ({ ...base(), result: { ...base().result, outcome: 'lost' } })],
			[
				'category-mismatch',
				() => {
					const a = base();
					const [category] = Object.keys(a.result.categories!);
					return {
						...a,
						result: { ...a.result, categories: { ...a.result.categories, [category]: 999 } }
					};
				}
			],
			[
				'hash-mismatch',
				() => ({ ...base(), scenario: { ...base().scenario, hash: 'a'.repeat(64) } })
			],
			['unknown-version', () => ({ ...base(), scenario: { ...base().scenario, version: 7 } })],
			[
				'unknown-scenario',
				() => ({ ...base(), scenario: { ...base().scenario, id: 'no-such-deal' } })
			],
			[
				'refused-action',
				() => {
					const a = base();
					// An action on a person the scenario does not have.
					const actions: ExportedAttempt['actions'] = [
						{ type: 'activity', activity: 'business-event', people: ['nobody'] },
						...a.actions
					];
					return { ...a, actions };
				}
			],
			['unfinished', () => ({ ...base(), actions: base().actions.slice(0, 3) })],
			['wrong-format', () => ({ ...base(), format: 'sales-sim/scenario@1' })],
			['malformed', () => ({ ...base(), player: '' })],
			['malformed', () => '{"format": "sales-sim/attempt@1", '],
			['malformed', () => ({ ...base(), __proto__: { polluted: true }, extra: 1 })]
		];
		it.each(tampered)('%s', async (reason, make) => {
			const value = make();
			const response = await post(value);
			expect(response.status).toBe(422);
			expect(response.body.error).toBe('refused');
			expect(response.body.reason).toBe(reason);
			// The same sentence the app's import page shows.
			const verdict = await verifyAttempt(
				typeof value === 'string' ? value : JSON.stringify(value),
				lookup(),
				{ now: Date.now() }
			);
			if (verdict.status === 'refused' && verdict.reason !== 'unknown-scenario')
				expect(response.body.message).toBe(refusalReason(verdict, 'en'));
			expect(response.body.message.length).toBeGreaterThan(10);
			expect(response.body.message).not.toMatch(/results_reason/);
		});

		it('not UTF-8', async () => {
			const response = await fetch(`${api}/classes/${code}/attempts`, {
				method: 'POST',
				body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])
			});
			expect(response.status).toBe(422);
			expect((await response.json()).reason).toBe('malformed');
		});

		it('in Chinese when asked', async () => {
			const response = await call(`${api}/classes/${code}/attempts`, {
				method: 'POST',
				json: { ...base(), result: { ...base().result, score: 100 } },
				headers: { 'accept-language': 'zh-CN,zh;q=0.9' }
			});
			expect(response.body.reason).toBe('score-mismatch');
			expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
		});

		it('stores none of them', async () => {
			const rows = await hub.db.query(
				`SELECT count(*)::int AS n FROM attempts WHERE player_name = 'Tamper'`
			);
			expect(rows[0].n).toBe(0);
		});
	});

	it('refuses a body over 1 MiB with 413, before reading it', async () => {
		const big = { ...honestAttempt(played, { player: 'Big' }), padding: 'x'.repeat(1024 * 1024) };
		const response = await post(big);
		expect(response.status).toBe(413);
		expect(response.body.reason).toBe('too-large');
		// Without a length header (chunked), too.
		const body = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
				controller.close();
			}
		});
		const chunked = await fetch(`${api}/classes/${code}/attempts`, {
			method: 'POST',
			body,
			duplex: 'half'
		} as RequestInit);
		expect(chunked.status).toBe(413);
		const small = await call(`${api}/classes/${code}/teams`, {
			method: 'POST',
			json: { name: 'x'.repeat(20_000) },
			headers: auth()
		});
		expect(small.status).toBe(413);
	});

	it('ranks the board as the app does: best attempt per player, assessments only, teams by average', async () => {
		const { code: c2 } = await newClassWithScenario();
		const at = (h: number) => Date.UTC(2026, 10, 29, h);
		const plays = [
			honestAttempt(played, { player: 'Ann', team: 'North', path: 'naive', finishedAt: at(1) }),
			honestAttempt(played, { player: 'Ann', team: 'North', path: 'model', finishedAt: at(2) }),
			honestAttempt(played, { player: 'Bo', team: 'South', path: 'model', finishedAt: at(3) }),
			honestAttempt(played, { player: 'Cy', team: 'South', path: 'naive', finishedAt: at(4) }),
			honestAttempt(played, { player: 'Di', path: 'model', mode: 'practice', finishedAt: at(5) }),
			// A worse attempt after the best changes nothing.
			honestAttempt(played, { player: 'Bo', team: 'South', path: 'naive', finishedAt: at(6) })
		];
		for (const play of plays) expect((await post(play, c2)).status).toBe(201);
		const model = plays[1].result.score;
		const naive = plays[0].result.score;

		const board = await call(`${api}/classes/${c2}/board?scenario=test-plant&period=all`);
		expect(board.status).toBe(200);
		expect(board.body.scenario).toEqual({ id: 'test-plant', version: 1 });
		expect(board.body.rows.map((r: Body) => [r.rank, r.player, r.score])).toEqual([
			[1, 'Ann', model], // equal scores: Ann finished first
			[2, 'Bo', model],
			[3, 'Cy', naive]
		]);
		const limited = await call(`${api}/classes/${c2}/board?limit=1`);
		expect(limited.body.rows).toHaveLength(1);
		expect(limited.body.total).toBe(3);

		const teams = await call(`${api}/classes/${c2}/board?view=teams`);
		expect(teams.body.rows.map((r: Body) => [r.rank, r.team, r.average])).toEqual([
			[1, 'North', model],
			[2, 'South', (model + naive) / 2]
		]);

		const window = `period=custom&from=${new Date(at(2) + 1).toISOString()}&to=${new Date(at(4)).toISOString()}`;
		const custom = await call(`${api}/classes/${c2}/board?${window}`);
		expect(custom.body.rows.map((r: Body) => r.player)).toEqual(['Bo']);

		expect((await call(`${api}/classes/${c2}/board?period=fortnight`)).status).toBe(400);
		expect((await call(`${api}/classes/${c2}/board?limit=0`)).status).toBe(400);
		expect((await call(`${api}/classes/${c2}/board?competition=none`)).status).toBe(404);
	});

	it('lets the trainer run competitions, teams, removals and exports', async () => {
		const { code: c3, key: k3 } = await newClassWithScenario();
		const headers = { authorization: `Bearer ${k3}` };
		const a = honestAttempt(played, {
			player: 'Eve',
			team: 'Red',
			finishedAt: Date.UTC(2026, 10, 30, 9)
		});
		const b = honestAttempt(played, {
			player: '=cmd|calc',
			path: 'naive',
			finishedAt: Date.UTC(2026, 10, 30, 10)
		});
		// The model path again, on another deal: not the competition's, so it does not count there.
		const elsewhere = honestAttempt(played, {
			player: 'Mallory',
			seed: 9,
			finishedAt: Date.UTC(2026, 10, 30, 11)
		});
		const posted = [await post(a, c3), await post(b, c3)];
		const other = await post(elsewhere, c3);
		expect(other.status).toBe(201);
		expect(other.body.attempt).toMatchObject({ seed: 9, rules: elsewhere.rules });
		const competition = await call(`${api}/classes/${c3}/competitions`, {
			method: 'POST',
			headers,
			json: {
				id: 'spring-cup',
				name: 'Spring cup',
				scenarios: [{ id: 'test-plant', version: 1 }],
				from: '2026-11-30T00:00:00Z',
				// Open until an hour from now: the attempts above reached the hub inside it.
				to: new Date(Date.now() + 3_600_000).toISOString(),
				seed: 0
			}
		});
		expect(competition.status).toBe(201);
		expect(competition.body.seed).toBe(0);
		// A competition that closed before these attempts arrived: their claimed finishing times
		// fall inside its window, but a result counts only if it reached the hub in time (a play
		// made after the close and dated back must not enter it).
		const closed = await call(`${api}/classes/${c3}/competitions`, {
			method: 'POST',
			headers,
			json: {
				id: 'closed-cup',
				name: 'Closed cup',
				scenarios: [{ id: 'test-plant', version: 1 }],
				from: '2026-11-30T00:00:00Z',
				to: '2026-12-01T00:00:00Z',
				seed: 0
			}
		});
		expect(closed.status).toBe(201);
		expect((await call(`${api}/classes/${c3}/board?competition=closed-cup`)).body.rows).toEqual([]);
		const cup = await call(`${api}/classes/${c3}/board?competition=spring-cup`);
		expect(cup.body).toHaveProperty('rows');
		expect(cup.body.rows.map((r: Body) => [r.rank, r.player, r.total])).toEqual([
			[1, 'Eve', a.result.score],
			[2, '=cmd|calc', b.result.score]
		]);
		expect(
			(await call(`${api}/classes/${c3}/board?competition=spring-cup&view=teams`)).body.rows
		).toHaveLength(1);
		// On the whole board, every deal counts.
		const all = await call(`${api}/classes/${c3}/board`);
		expect(all.body.rows.map((r: Body) => r.player)).toContain('Mallory');
		const removed = await call(`${api}/classes/${c3}/attempts/${other.body.attempt.hash}`, {
			method: 'DELETE',
			headers
		});
		expect(removed.status).toBe(204);

		// Teams: create, move a player with their results, rename.
		expect(
			(
				await call(`${api}/classes/${c3}/teams`, {
					method: 'POST',
					headers,
					json: { name: 'Blue' }
				})
			).status
		).toBe(201);
		const moved = await call(
			`${api}/classes/${c3}/players/${encodeURIComponent('=cmd|calc')}/team`,
			{
				method: 'PUT',
				headers,
				json: { team: 'Blue' }
			}
		);
		expect(moved.body.attempts).toBe(1);
		await call(`${api}/classes/${c3}/teams/blue`, {
			method: 'PATCH',
			headers,
			json: { name: 'Blue Sky' }
		});
		const teams = await call(`${api}/classes/${c3}/board?view=teams`);
		expect(teams.body.rows.map((r: Body) => r.team)).toEqual(['Red', 'Blue Sky']);

		// CSV: a name that looks like a formula stays text.
		const csv = await fetch(`${api}/classes/${c3}/export.csv`, { headers });
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
		expect(text.startsWith('\uFEFFPlayer,Team')).toBe(true);
		expect(text).toContain(`'=cmd|calc`);

		const backup = await call(`${api}/classes/${c3}/backup`, { headers });
		expect(backup.body.format).toBe('sales-sim/hub-backup@1');
		expect(backup.body.attempts).toHaveLength(2);
		expect(backup.body.scenarios[0].text).toBe(TEST_SCENARIO_TEXT);
		expect(JSON.stringify(backup.body)).not.toContain(k3);

		// Removing an attempt takes it off the board and tells the watchers.
		const hash = posted[0].body.attempt.hash;
		expect(
			(await call(`${api}/classes/${c3}/attempts/${hash}`, { method: 'DELETE', headers })).status
		).toBe(204);
		expect(
			(await call(`${api}/classes/${c3}/attempts/${hash}`, { method: 'DELETE', headers })).status
		).toBe(404);
		const after = await call(`${api}/classes/${c3}/board`);
		expect(after.body.rows.map((r: Body) => r.player)).toEqual(['=cmd|calc']);
		const events = await readEvents(`${api}/classes/${c3}/events`, {}, 5);
		expect(events.map((e) => [e.id, e.event])).toEqual([
			['1', 'attempt'],
			['2', 'attempt'],
			['3', 'attempt'],
			['4', 'removed'],
			['5', 'removed']
		]);
		expect(events[0].data).toMatchObject({ hash, gone: true });
		expect(events[2].data).toMatchObject({ hash: other.body.attempt.hash, gone: true });
		expect(events[4].data).toEqual({ seq: 5, hash, gone: false });
		// A player's best removed: their next best takes its place.
		const worse = honestAttempt(played, {
			player: '=cmd|calc',
			path: 'naive',
			finishedAt: Date.UTC(2026, 10, 30, 11)
		});
		const better = honestAttempt(played, {
			player: '=cmd|calc',
			path: 'model',
			finishedAt: Date.UTC(2026, 10, 30, 12)
		});
		await post(worse, c3);
		const best = await post(better, c3);
		expect((await call(`${api}/classes/${c3}/board`)).body.rows[0].score).toBe(better.result.score);
		await call(`${api}/classes/${c3}/attempts/${best.body.attempt.hash}`, {
			method: 'DELETE',
			headers
		});
		const fallback = (await call(`${api}/classes/${c3}/board`)).body.rows[0];
		expect([fallback.score, fallback.finishedAt]).toEqual([b.result.score, b.finishedAt]);
		expect(
			(await call(`${api}/classes/${c3}/competitions/spring-cup`, { method: 'DELETE', headers }))
				.status
		).toBe(204);
	});

	it('streams every accepted attempt live, and resumes after Last-Event-ID', async () => {
		const { code: c4 } = await newClassWithScenario();
		for (const player of ['P1', 'P2', 'P3']) await post(honestAttempt(played, { player }), c4);
		const resumed = await readEvents(`${api}/classes/${c4}/events`, { 'last-event-id': '1' }, 2);
		expect(resumed.map((e) => e.data.player)).toEqual(['P2', 'P3']);
		const started = Date.now();
		const live = await readEvents(
			`${api}/classes/${c4}/events?after=3`,
			{},
			2,
			10_000,
			async () => {
				await new Promise((r) => setTimeout(r, 200));
				await post(honestAttempt(played, { player: 'P4' }), c4);
				await post(honestAttempt(played, { player: 'P5' }), c4);
			}
		);
		expect(live.map((e) => [e.id, e.data.player])).toEqual([
			['4', 'P4'],
			['5', 'P5']
		]);
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('sends API answers as data only: no CORS, no sniffing, no framing', async () => {
		const response = await fetch(`${api}/classes/${code}/board`, {
			headers: { origin: 'https://evil.example' }
		});
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		const preflight = await fetch(`${api}/classes`, {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
	});

	async function newClassWithScenario() {
		const created = await call(`${api}/classes`, { method: 'POST', json: { name: 'Board class' } });
		const publish = await call(`${api}/classes/${created.body.code}/scenarios`, {
			method: 'POST',
			json: TEST_SCENARIO_TEXT,
			headers: { authorization: `Bearer ${created.body.trainerKey}` }
		});
		expect(publish.status).toBe(201);
		return { code: created.body.code as string, key: created.body.trainerKey as string };
	}
});

describe('limits (PGlite)', () => {
	let hub: TestHub;
	beforeAll(async () => {
		hub = await startTestHub('pglite', 'limits', {
			limits: {
				attempts: { burst: 3, perMinute: 6 },
				unknownClass: { burst: 2, perMinute: 1 },
				newClass: { burst: 100, perMinute: 100 }
			},
			corsOrigins: ['https://trainer.example']
		});
	});
	afterAll(() => hub?.close());

	it('rate-limits attempts per client address, with Retry-After', async () => {
		const { body } = await call(`${hub.url}/api/classes`, {
			method: 'POST',
			json: { name: 'Limits' }
		});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			const r = await call(`${hub.url}/api/classes/${body.code}/attempts`, {
				method: 'POST',
				json: honestAttempt(played, { player: `R${i}` })
			});
			statuses.push(r.status);
			if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		// Three refused on their merits (the scenario is not published here), then limited.
		expect(statuses).toEqual([422, 422, 422, 429, 429]);
	});

	it('stops an address that guesses class codes, even when it then guesses right', async () => {
		const { body } = await call(`${hub.url}/api/classes`, {
			method: 'POST',
			json: { name: 'Guess' }
		});
		expect((await call(`${hub.url}/api/classes/AAAAAAAAAAAA`)).status).toBe(404);
		expect((await call(`${hub.url}/api/classes/AAAAAAAAAAAB`)).status).toBe(404);
		expect((await call(`${hub.url}/api/classes/AAAAAAAAAAAC`)).status).toBe(429);
		expect((await call(`${hub.url}/api/classes/${body.code}`)).status).toBe(429);
	});

	it('allows the configured origins only', async () => {
		const allowed = await fetch(`${hub.url}/api/openapi.json`, {
			headers: { origin: 'https://trainer.example' }
		});
		expect(allowed.headers.get('access-control-allow-origin')).toBe('https://trainer.example');
		const other = await fetch(`${hub.url}/api/openapi.json`, {
			headers: { origin: 'https://evil.example' }
		});
		expect(other.headers.get('access-control-allow-origin')).toBeNull();
	});

	it('describes every path in /api/openapi.json', async () => {
		const served = await call(`${hub.url}/api/openapi.json`);
		expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
		for (const path of [
			'/api/classes',
			'/api/classes/{code}/attempts',
			'/api/classes/{code}/board',
			'/api/classes/{code}/events',
			'/api/classes/{code}/scenarios',
			'/api/classes/{code}/attempts/{hash}',
			'/api/classes/{code}/export.csv',
			'/api/classes/{code}/backup',
			'/api/classes/{code}/trainer'
		])
			expect(Object.keys(served.body.paths)).toContain(path);
	});
});
