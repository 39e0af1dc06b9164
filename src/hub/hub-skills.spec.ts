/**
 * The skills pages on a class hub (issue 19, "where the data is"): the trainer's backup of a real
 * hub's class, read over HTTP with the trainer key (src/lib/state/hub-skills.ts), gives the same
 * skill sums as the same results summed where they were played (src/lib/skills), by team; a
 * trainer-published scenario's facts come from the backup; failures are values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClass, publishToClass } from '../lib/hub/trainer-client';
import { buildCube, makerShareOfRow, memberRows } from '../lib/skills/aggregate';
import { hubResults, parseHubBackup } from '../lib/skills/hub-results';
import { scenarioFacts, skillAttemptOf, SKILLS } from '../lib/skills/skills';
import { loadHubSkills } from '../lib/state/hub-skills';
import { nameKey } from '../lib/engine/names';
import { honestAttempt, testScenario, TEST_SCENARIO_TEXT } from './testing/attempts';
import { call, startTestHub, type TestHub } from './testing/hub';

const played = await testScenario();

/** Who played what: a strong trainee in North, a naive one in South (one result twice). */
const PLAYS = [
	{ player: 'Anna Berg', team: 'North', path: 'model', at: Date.UTC(2026, 10, 30, 9) },
	{ player: '李娜', team: 'South', path: 'naive', at: Date.UTC(2026, 11, 1, 9) },
	{ player: '李娜', team: 'South', path: 'model', at: Date.UTC(2026, 11, 3, 9) }
] as const;

describe('skills of a class on a hub', () => {
	let hub: TestHub;
	let saved: { hub: string; code: string; name: string; trainerKey: string; savedAt: number };
	beforeAll(async () => {
		hub = await startTestHub('pglite', 'hub-skills');
		const made = await createClass(hub.url, 'Skills cohort');
		if (!made.ok) throw new Error(made.kind);
		saved = { ...made.created, savedAt: Date.now() };
		const published = await publishToClass(
			hub.url,
			saved.code,
			saved.trainerKey,
			TEST_SCENARIO_TEXT
		);
		expect(published.ok).toBe(true);
		for (const play of PLAYS) {
			const sent = await call(`${hub.url}/api/classes/${saved.code}/attempts`, {
				method: 'POST',
				json: honestAttempt(played, {
					player: play.player,
					team: play.team,
					path: play.path,
					finishedAt: play.at
				})
			});
			expect(sent.status).toBe(201);
		}
	});
	afterAll(() => hub?.close());

	it('sums the class as the results would be summed where they were played', async () => {
		const read = await loadHubSkills(saved);
		if (!read.ok) throw new Error(read.problem.kind);
		const { cube, names, teams } = read.data;
		// The same results, through the same mapping, with the scenario's own facts.
		const facts = scenarioFacts(played.scenario);
		const expected = buildCube(
			PLAYS.map((play) => {
				const file = honestAttempt(played, {
					player: play.player,
					team: play.team,
					path: play.path,
					finishedAt: play.at
				});
				return skillAttemptOf(
					{
						playerId: nameKey(play.player),
						teamId: nameKey(play.team),
						scenarioId: played.scenario.id,
						finishedAt: play.at,
						outcome: file.result.outcome,
						categories: file.result.categories ?? {},
						actions: file.actions
					},
					facts
				);
			})
		);
		expect(cube.attempts).toBe(3);
		expect(memberRows(cube.players)).toEqual(memberRows(expected.players));
		expect(cube.weeks).toEqual(expected.weeks);
		expect(names.get(nameKey('李娜'))).toBe('李娜');
		expect(teams).toEqual([
			{ id: 'north', name: 'North' },
			{ id: 'south', name: 'South' }
		]);
		// The decision maker is judged: the facts came from the published scenario in the backup.
		const anna = cube.byId.get(nameKey('Anna Berg'))!;
		expect(anna.teamId).toBe('north');
		expect(memberRows([anna])[0].levels).toHaveLength(SKILLS.length);
		expect(facts.makers.size).toBeGreaterThan(0);
		const withoutFacts = hubResults(parseHubBackup(await backupOf(saved))!, () =>
			scenarioFacts(undefined)
		);
		expect(withoutFacts.attempts.every((a) => a.decisionMaker === undefined)).toBe(true);
		expect(makerShareOfRow(anna.total)).not.toBeNaN();
	});

	it('reads once per class, and again when asked', async () => {
		const first = await loadHubSkills(saved);
		expect(await loadHubSkills(saved)).toBe(first);
		const sent = await call(`${hub.url}/api/classes/${saved.code}/attempts`, {
			method: 'POST',
			json: honestAttempt(played, { player: 'Chen Wei', path: 'naive' })
		});
		expect(sent.status).toBe(201);
		const again = await loadHubSkills(saved, { refresh: true });
		if (!again.ok) throw new Error(again.problem.kind);
		expect(again.data.cube.attempts).toBe(4);
		// A trainee without a team counts in no team.
		expect(again.data.cube.byId.get(nameKey('Chen Wei'))?.teamId).toBeNull();
	});

	it('says why the class could not be read, and asks again next time', async () => {
		const wrong = { ...saved, trainerKey: 'k'.repeat(43) };
		expect(await loadHubSkills(wrong)).toEqual({ ok: false, problem: { kind: 'wrong-key' } });
		const other = { ...saved, code: 'ZZZZZZZZZZZZ' };
		expect(await loadHubSkills(other)).toEqual({ ok: false, problem: { kind: 'unknown' } });
		const notBackup: typeof fetch = async () => Response.json({ format: 'something else' });
		const odd = { ...saved, hub: 'http://127.0.0.1:9' };
		expect(await loadHubSkills(odd, { fetcher: notBackup })).toEqual({
			ok: false,
			problem: { kind: 'bad-backup' }
		});
		const notJson: typeof fetch = async () => new Response('<html>');
		expect(await loadHubSkills(odd, { fetcher: notJson })).toEqual({
			ok: false,
			problem: { kind: 'bad-backup' }
		});
		// A failed read is not kept.
		const down: typeof fetch = async () => {
			throw new TypeError('network');
		};
		expect(await loadHubSkills(odd, { fetcher: down })).toEqual({
			ok: false,
			problem: { kind: 'unreachable' }
		});
	});
});

async function backupOf(saved: { hub: string; code: string; trainerKey: string }) {
	const response = await fetch(`${saved.hub}/api/classes/${saved.code}/backup`, {
		headers: { authorization: `Bearer ${saved.trainerKey}` }
	});
	return response.json();
}
