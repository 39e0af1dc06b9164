/**
 * A class for the skills pages' browser test (issue 19): 30 trainees in 5 teams, each with
 * results of a known weakness, made by replaying real plays of a shipped scenario with the
 * engine (so every result verifies): its model path, and the model path with one skill spoilt —
 * no procurement chart (roles), forecasts far from the evidence (forecasting), or hunting at a
 * twelve-year customer (strategy). One trainee forecasts 90 % on deals they lose: over-confident.
 * The expected staves come from the same pure functions the pages run ($lib/skills).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { resultFromReport, toExportedAttempt } from '../src/lib/db/attempt-format';
import type { Attempt } from '../src/lib/db/records';
import { replay, type ReplayResult } from '../src/lib/engine/deal/replay';
import { RULES_VERSION } from '../src/lib/engine/methodology';
import { APP_EPOCH } from '../src/lib/engine/results/plausibility';
import { scenarioHash } from '../src/lib/engine/scenario/hash';
import {
	scenarioSchema,
	type Action,
	type ExportedAttempt,
	type Scenario
} from '../src/lib/engine/scenario/schema';
import { buildCube, groupSummary, memberRows, membersOf } from '../src/lib/skills/aggregate';
import {
	forecastFacts,
	scenarioWeights,
	skillLevels,
	type SkillAttempt,
	type SkillId
} from '../src/lib/skills/skills';

export const SCENARIO_FILE = 'alder-valley-dairy-cip.json';

type Variant = 'model' | 'roles' | 'forecasting' | 'strategy' | 'over-confident';

function variantActions(scenario: Scenario, variant: Variant): Action[] {
	const model = scenario.checks![0].actions;
	switch (variant) {
		case 'model':
			return model;
		case 'roles':
			return model.filter((action) => action.type !== 'chart');
		case 'forecasting':
			return model.map((action) =>
				action.type === 'forecast'
					? { type: 'forecast', probability: 1 - action.probability }
					: action
			);
		case 'strategy':
			return model.map((action) =>
				action.type === 'strategy' ? { type: 'strategy', strategy: 'hunting' } : action
			);
		case 'over-confident':
			// The naive path, lost, with a 90 % forecast before every stage closes.
			return scenario.checks![1].actions.flatMap((action): Action[] =>
				action.type === 'advance' ? [{ type: 'forecast', probability: 0.9 }, action] : [action]
			);
	}
}

export interface SeedTeam {
	id: string;
	name: string;
	/** The weakness designed for most of its members. */
	weakness: SkillId;
}

export interface SeedTrainee {
	id: string;
	name: string;
	teamId: string;
	variant: Variant;
	/** The stave designed: the skill their spoilt plays spoil. */
	designed: SkillId;
}

export const TEAMS: SeedTeam[] = [
	{ id: 'team-east', name: 'East', weakness: 'roles' },
	{ id: 'team-west', name: 'West', weakness: 'forecasting' },
	{ id: 'team-north', name: 'North', weakness: 'strategy' },
	{ id: 'team-south', name: 'South', weakness: 'roles' },
	{ id: 'team-centre', name: '中心组', weakness: 'forecasting' }
];

const OTHER: Record<SkillId, Variant> = {
	roles: 'forecasting',
	forecasting: 'strategy',
	strategy: 'roles',
	'key-people': 'roles',
	'activity-fit': 'roles',
	intel: 'roles',
	decisions: 'roles',
	winning: 'roles'
};

const CHINESE = ['李娜', '王伟', '张敏', '刘洋', '陈静', '杨磊'];

/** Six trainees a team: five with the team's weakness, the last with another one. */
export const TRAINEES: SeedTrainee[] = TEAMS.flatMap((team, t) =>
	Array.from({ length: 6 }, (_, i) => {
		const variant: Variant =
			team.id === 'team-south' && i === 5
				? 'over-confident'
				: i === 5
					? OTHER[team.weakness]
					: (team.weakness as Variant);
		// The over-confident trainee's naive play scores 0 in most skills: the tie goes to the
		// skill taught first, the roles.
		const designed: SkillId = variant === 'over-confident' ? 'roles' : (variant as SkillId);
		const name = team.id === 'team-centre' ? CHINESE[i] : `${team.name} ${i + 1}`;
		return { id: `trainee-${t}-${i}`, name, teamId: team.id, variant, designed };
	})
);

export const OVER_CONFIDENT = TRAINEES.find((t) => t.variant === 'over-confident')!;

/** Weeks of the results (Mondays, UTC): a spoilt play in each of the first two, then the model path. */
export const WEEKS = [Date.UTC(2026, 10, 9), Date.UTC(2026, 10, 16), Date.UTC(2026, 10, 23)];

export interface Played {
	trainee: SeedTrainee;
	actions: Action[];
	result: ReplayResult;
	finishedAt: number;
	id: string;
}

export interface SeededClass {
	scenario: Scenario;
	hash: string;
	played: Played[];
	/** Each trainee's and team's stave as the pages must name it. */
	staves: Map<string, SkillId>;
	teamStaves: Map<string, SkillId>;
}

export async function buildClass(): Promise<SeededClass> {
	const json: unknown = JSON.parse(readFileSync(`scenarios/${SCENARIO_FILE}`, 'utf8'));
	const scenario = scenarioSchema.parse(json);
	const hash = await scenarioHash(json);
	const cache = new Map<Variant, { actions: Action[]; result: ReplayResult }>();
	const play = (variant: Variant) => {
		let found = cache.get(variant);
		if (!found) {
			let actions = variantActions(scenario, variant);
			let result = replay(scenario, actions, { keepStates: false });
			// A spoilt play may end the deal early: the rest of the path is never played.
			if (result.refused.length > 0) {
				actions = actions.slice(0, result.refused[0].index);
				result = replay(scenario, actions, { keepStates: false });
			}
			if (result.refused.length > 0 || !result.outcome)
				throw new Error(`The ${variant} play does not replay to an end.`);
			found = { actions, result };
			cache.set(variant, found);
		}
		return found;
	};
	const played: Played[] = TRAINEES.flatMap((trainee) =>
		WEEKS.map((week, w) => {
			// The over-confident trainee never learns; the others play the model path in week 3.
			const variant = w < 2 || trainee.variant === 'over-confident' ? trainee.variant : 'model';
			const { actions, result } = play(variant);
			return {
				trainee,
				actions,
				result,
				finishedAt: week + (2 + w) * 3600_000 + Number(trainee.id.slice(-1)) * 60_000,
				id: `${trainee.id}-w${w}`
			};
		})
	);
	const { staves, teamStaves } = stavesOf(scenario, played);
	return { scenario, hash, played, staves, teamStaves };
}

/**
 * Each trainee's and team's shortest stave over these plays, by the pages' own pure functions
 * (the team of each trainee as seeded).
 */
export function stavesOf(
	scenario: Scenario,
	played: readonly Played[]
): { staves: Map<string, SkillId>; teamStaves: Map<string, SkillId> } {
	const weights = scenarioWeights(scenario);
	const attempts: SkillAttempt[] = played.map((p) => ({
		playerId: p.trainee.id,
		teamId: p.trainee.teamId,
		scenarioId: scenario.id,
		finishedAt: p.finishedAt,
		outcome: p.result.outcome!,
		levels: skillLevels(
			Object.fromEntries(p.result.score.categories.map((c) => [c.category, c.points])),
			weights
		),
		forecast: forecastFacts(p.actions, p.result.outcome!)
	}));
	const cube = buildCube(attempts);
	const staves = new Map(memberRows(cube.players).map((row) => [row.playerId, row.stave!.skill]));
	const teamStaves = new Map(
		[...new Set(played.map((p) => p.trainee.teamId))].map((team) => [
			team,
			groupSummary(membersOf(cube, { kind: 'team', teamId: team })).stave!.skill
		])
	);
	return { staves, teamStaves };
}

/**
 * These trainees' plays as the attempt files their devices send a class hub (the app's own
 * export, src/lib/db/attempt-format.ts), finished a minute apart from an hour after the hub's
 * earliest plausible date (src/lib/engine/results/plausibility.ts APP_EPOCH): the hub replays
 * each. A hub keeps one of a trainee's identical plays (the same actions on the same deal are the
 * same play, src/lib/engine/results/attempt-code.ts), so a repeat is left out: `played` is what
 * the hub will hold.
 */
export function hubAttemptFiles(
	seeded: SeededClass,
	trainees: readonly string[]
): { files: ExportedAttempt[]; played: Played[] } {
	const { scenario, hash } = seeded;
	const seen = new Set<string>();
	const played = seeded.played.filter((p) => {
		const key = `${p.trainee.id} ${JSON.stringify(p.actions)}`;
		if (!trainees.includes(p.trainee.id) || seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	const files = played.map((p, index) => {
		const finishedAt = APP_EPOCH + 3_600_000 + index * 60_000;
		return toExportedAttempt({
			scenarioId: scenario.id,
			scenarioVersion: scenario.version,
			scenarioHash: hash,
			playerName: p.trainee.name,
			teamName: TEAMS.find((t) => t.id === p.trainee.teamId)!.name,
			mode: 'assessment',
			seed: 0,
			rules: RULES_VERSION,
			startedAt: finishedAt - 30 * 60_000,
			finishedAt,
			actions: p.actions,
			result: resultFromReport(p.result.outcome!, p.result.score)
		} as Attempt);
	});
	return { files, played };
}

/** Writes the class into the page's database (the app must have created it first). */
export async function storeClass(page: Page, seeded: SeededClass): Promise<void> {
	const { scenario, hash } = seeded;
	const teams = TEAMS.map((team) => ({
		id: team.id,
		name: team.name,
		nameKey: team.name.toLowerCase(),
		createdAt: WEEKS[0] - 86_400_000
	}));
	const players = TRAINEES.map((trainee) => ({
		id: trainee.id,
		name: trainee.name,
		nameKey: trainee.name.toLowerCase(),
		teamId: trainee.teamId,
		createdAt: WEEKS[0] - 86_400_000
	}));
	const attempts = seeded.played.map((p, index) => {
		const team = TEAMS.find((t) => t.id === p.trainee.teamId)!;
		const score = p.result.score.total;
		const weeksUsed = p.result.final.weeksUsed;
		return {
			id: p.id,
			scenarioId: scenario.id,
			scenarioVersion: scenario.version,
			scenarioHash: hash,
			playerId: p.trainee.id,
			playerName: p.trainee.name,
			teamId: team.id,
			teamName: team.name,
			mode: 'assessment',
			seed: 0,
			rules: 2,
			startedAt: p.finishedAt - 30 * 60_000,
			finishedAt: p.finishedAt,
			result: {
				outcome: p.result.outcome,
				score,
				categories: Object.fromEntries(p.result.score.categories.map((c) => [c.category, c.points]))
			},
			weeksUsed,
			verified: true,
			source: 'local',
			arrivedAt: p.finishedAt,
			fingerprint: index.toString(16).padStart(64, 'a'),
			boardKey: [score, 0 - weeksUsed, 0 - p.finishedAt, p.finishedAt]
		};
	});
	const actions = seeded.played.map((p) => ({ id: p.id, actions: p.actions }));
	await page.evaluate(
		({ teams, players, attempts, actions }) =>
			new Promise<void>((done, fail) => {
				const request = indexedDB.open('sales-sim');
				request.onerror = () => fail(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(
						['teams', 'players', 'attempts', 'attemptActions'],
						'readwrite'
					);
					for (const row of teams) tx.objectStore('teams').put(row);
					for (const row of players) tx.objectStore('players').put(row);
					for (const row of attempts) tx.objectStore('attempts').put(row);
					for (const row of actions) tx.objectStore('attemptActions').put(row);
					tx.oncomplete = () => {
						db.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		{ teams, players, attempts, actions }
	);
}

/** Makes a trainee the current player on this device, as the home page reads it. */
export async function becomePlayer(page: Page, playerId: string): Promise<void> {
	await page.evaluate(
		(id) =>
			new Promise<void>((done, fail) => {
				const request = indexedDB.open('sales-sim');
				request.onerror = () => fail(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(['settings'], 'readwrite');
					tx.objectStore('settings').put({ key: 'currentPlayerId', value: id });
					tx.oncomplete = () => {
						db.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		playerId
	);
}
