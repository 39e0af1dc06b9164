/**
 * What the skills pages read (issue 19): every verified result stored in this browser, turned
 * into skill levels with the weights of the scenario it was played on, its forecasts read from
 * its actions, and summed once ($lib/skills/aggregate.ts); the players and teams by id; and the
 * playable scenarios, for practice. A joined class's hub shares only a ranked board (names and
 * scores), so it cannot feed these pages: they say so.
 */
import { db, players as playerStore, teams as teamStore } from '$lib/db';
import type { PlayerRecord, TeamRecord } from '$lib/db';
import { DEFAULT_METHODOLOGY } from '$lib/engine/methodology';
import { loadCatalogue, findScenario, type CatalogueEntry } from '$lib/scenarios/catalogue';
import { buildCube, type SkillCube } from '$lib/skills/aggregate';
import {
	forecastFacts,
	scenarioWeights,
	skillLevels,
	type ScenarioWeights,
	type SkillAttempt
} from '$lib/skills/skills';

export interface SkillsData {
	cube: SkillCube;
	players: Map<string, PlayerRecord>;
	/** Every player's name: the stored player's, or the one their results carry. */
	names: Map<string, string>;
	teams: TeamRecord[];
	catalogue: CatalogueEntry[];
}

/** The weights of each scenario version results were played on (the defaults when unknown here). */
async function weightsOf(keys: Iterable<string>): Promise<Map<string, ScenarioWeights>> {
	const weights = new Map<string, ScenarioWeights>();
	await Promise.all(
		[...keys].map(async (key) => {
			const at = key.lastIndexOf('@');
			const entry = await findScenario(key.slice(0, at), Number(key.slice(at + 1))).catch(
				() => undefined
			);
			weights.set(
				key,
				entry ? scenarioWeights(entry.scenario) : { ...DEFAULT_METHODOLOGY.weights }
			);
		})
	);
	return weights;
}

export async function loadSkills(): Promise<SkillsData> {
	const [rows, actions, playerList, teams, catalogue] = await Promise.all([
		db.attempts.filter((row) => row.verified).toArray(),
		db.attemptActions.toArray(),
		playerStore.list(),
		teamStore.list(),
		loadCatalogue()
	]);
	const players = new Map(playerList.map((player) => [player.id, player]));
	const names = new Map(rows.map((row) => [row.playerId, row.playerName]));
	for (const player of playerList) names.set(player.id, player.name);
	const actionsOf = new Map(actions.map((row) => [row.id, row.actions]));
	const weights = await weightsOf(new Set(rows.map((r) => `${r.scenarioId}@${r.scenarioVersion}`)));
	const attempts: SkillAttempt[] = rows.map((row) => {
		const list = actionsOf.get(row.id);
		return {
			playerId: row.playerId,
			// The team the player is in now; a player no longer stored keeps the result's team.
			teamId: players.has(row.playerId) ? players.get(row.playerId)!.teamId : row.teamId,
			scenarioId: row.scenarioId,
			finishedAt: row.finishedAt,
			outcome: row.result.outcome,
			levels: skillLevels(
				row.result.categories,
				weights.get(`${row.scenarioId}@${row.scenarioVersion}`)!
			),
			...(list ? { forecast: forecastFacts(list, row.result.outcome) } : {})
		};
	});
	return { cube: buildCube(attempts), players, names, teams, catalogue };
}
