/**
 * What the skills pages read (issue 19). The class page reads each player's skill sums from the
 * derived table of src/lib/db/skill-sums.ts — about one row per trainee, however many results
 * they have — after summing again the players whose results changed since (and the whole table
 * when it does not describe the stored attempts: after an upgrade, a restore, or attempts written
 * around the app). A trainee's page reads only that trainee's results and their actions (the
 * forecasts). Sums come from the verified results, each turned into skill levels with the
 * weights of the scenario it was played on, its forecasts read from its actions, summed by
 * $lib/skills/aggregate.ts; the players and teams by id; and, apart, the playable scenarios, for
 * practice. A class on a hub is read from its backup instead (src/lib/state/hub-skills.ts), through
 * the same functions.
 */
import {
	db,
	players as playerStore,
	skillSums,
	teams as teamStore,
	type AttemptRecord
} from '$lib/db';
import type { PlayerRecord, TeamRecord } from '$lib/db';
import type { Action } from '$lib/engine/scenario/schema';
import { loadCatalogue, findScenario, type CatalogueEntry } from '$lib/scenarios/catalogue';
import {
	buildCube,
	cubeOfSums,
	packSums,
	unpackSums,
	type PackedSums,
	type SkillCube
} from '$lib/skills/aggregate';
import {
	scenarioFacts,
	skillAttemptOf,
	type ScenarioFacts,
	type SkillAttempt
} from '$lib/skills/skills';

export interface SkillsData {
	cube: SkillCube;
	players: Map<string, PlayerRecord>;
	/** Every player's name: the stored player's, or the one their results carry. */
	names: Map<string, string>;
	/** The teams by id (a class hub's by key). */
	teams: Pick<TeamRecord, 'id' | 'name'>[];
}

/** The facts of each scenario version results were played on (scenarioFacts when unknown here). */
async function factsOf(rows: readonly AttemptRecord[]): Promise<Map<string, ScenarioFacts>> {
	const keys = new Set(rows.map((r) => `${r.scenarioId}@${r.scenarioVersion}`));
	const facts = new Map<string, ScenarioFacts>();
	await Promise.all(
		[...keys].map(async (key) => {
			const at = key.lastIndexOf('@');
			const entry = await findScenario(key.slice(0, at), Number(key.slice(at + 1))).catch(
				() => undefined
			);
			facts.set(key, scenarioFacts(entry?.scenario));
		})
	);
	return facts;
}

/**
 * Verified results as the aggregation reads them, in the order given (by id: the attempts
 * table's order). `teamOf` gives the team a result counts for.
 */
async function skillAttempts(
	rows: readonly AttemptRecord[],
	teamOf: (row: AttemptRecord) => string | null,
	all?: Map<string, Action[]>
): Promise<SkillAttempt[]> {
	const verified = rows.filter((row) => row.verified);
	const [facts, actions] = await Promise.all([
		factsOf(verified),
		// Every action list at once (one getAll) when summing everything; else theirs only.
		all ? undefined : db.attemptActions.bulkGet(verified.map((row) => row.id))
	]);
	return verified.map((row, i) =>
		skillAttemptOf(
			{
				playerId: row.playerId,
				teamId: teamOf(row),
				scenarioId: row.scenarioId,
				finishedAt: row.finishedAt,
				outcome: row.result.outcome,
				categories: row.result.categories,
				actions: all ? all.get(row.id) : actions![i]?.actions
			},
			facts.get(`${row.scenarioId}@${row.scenarioVersion}`)!
		)
	);
}

/** Each player's sums row, from their results (sorted by id, as the attempts table reads). */
async function packedOf(
	rows: readonly AttemptRecord[],
	actions?: Map<string, Action[]>
): Promise<PackedSums[]> {
	// The team a result was stored with: the page puts a stored player in their team now.
	const cube = buildCube(await skillAttempts(rows, (row) => row.teamId, actions));
	// The name of their last verified result, as the page named a player no longer stored.
	const names = new Map(
		rows.filter((row) => row.verified).map((row) => [row.playerId, row.playerName])
	);
	return cube.players.map((player) => packSums(player, names.get(player.playerId)!));
}

/**
 * Brings the skill sums up to date: the whole table when it does not describe the stored
 * attempts, else the players marked stale. Resolves true when it rebuilt the whole table.
 */
export async function refreshSkillSums(): Promise<boolean> {
	const state = await skillSums.state();
	if (!state.fresh) {
		const [rows, actions] = await Promise.all([db.attempts.toArray(), db.attemptActions.toArray()]);
		const actionsOf = new Map(actions.map((row) => [row.id, row.actions]));
		await skillSums.replaceAll(await packedOf(rows, actionsOf), rows.length);
		return true;
	}
	if (state.stale.size === 0) return false;
	const summed = new Map<string, PackedSums | undefined>();
	for (const playerId of state.stale.keys()) {
		const rows = await db.attempts.where('playerId').equals(playerId).toArray();
		summed.set(playerId, (await packedOf(rows))[0]);
	}
	await skillSums.replaceStale(summed, state.stale);
	return false;
}

async function basics() {
	const [playerList, teams] = await Promise.all([playerStore.list(), teamStore.list()]);
	return { players: new Map(playerList.map((player) => [player.id, player])), teams };
}

/**
 * The playable scenarios, for practice: the class page asks for them after its first screen
 * (reading every shipped scenario would delay it).
 */
export function loadPracticeCatalogue(): Promise<CatalogueEntry[]> {
	return loadCatalogue();
}

/** The class page's data: every player's sums. */
export async function loadSkills(): Promise<SkillsData> {
	await refreshSkillSums();
	const [rows, { players, teams }] = await Promise.all([skillSums.all(), basics()]);
	const names = new Map<string, string>();
	const sums = rows
		// A row of a player without verified results (all of theirs unverified) is left out.
		.filter((row) => row.total.length > 0)
		.map((row) => {
			names.set(row.playerId, players.get(row.playerId)?.name ?? row.playerName);
			// The team the player is in now; a player no longer stored keeps their results' team.
			return unpackSums(
				row,
				players.has(row.playerId) ? players.get(row.playerId)!.teamId : row.teamId
			);
		});
	for (const player of players.values()) names.set(player.id, player.name);
	return { cube: cubeOfSums(sums), players, names, teams };
}

/** One trainee's page: their results with their forecasts. */
export async function loadTrainee(playerId: string): Promise<SkillsData> {
	const [rows, { players, teams }] = await Promise.all([
		db.attempts.where('playerId').equals(playerId).toArray(),
		basics()
	]);
	const current = players.get(playerId);
	const cube = buildCube(
		await skillAttempts(rows, (row) => (current ? current.teamId : row.teamId))
	);
	const names = new Map(rows.map((row) => [row.playerId, row.playerName]));
	if (current) names.set(playerId, current.name);
	return { cube, players, names, teams };
}
