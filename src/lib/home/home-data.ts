/**
 * Reads what the home page needs for one player: their deals in progress and finished attempts
 * (IndexedDB), and the scenarios they can play (the catalogue). Unavailable storage gives an empty
 * history rather than an error: the page still recommends where to start.
 */
import { attempts, deals, players, practice } from '$lib/db';
import type { SkillId } from '$lib/skills/skills';
import { loadCatalogue } from '$lib/scenarios/catalogue';
import { homeModel, type HomeModel } from './home-model';

export async function loadHome(playerId: string | null, locale: string): Promise<HomeModel> {
	const [catalogue, open, finished] = await Promise.all([
		loadCatalogue(),
		playerId ? deals.listUnfinished(playerId).catch(() => []) : Promise.resolve([]),
		playerId ? attempts.forPlayer(playerId).catch(() => []) : Promise.resolve([])
	]);
	return homeModel({
		locale,
		scenarios: catalogue.map(({ scenario }) => ({
			id: scenario.id,
			version: scenario.version,
			title: scenario.title,
			locale: scenario.locale,
			difficulty: scenario.difficulty
		})),
		deals: open.map((deal) => ({
			id: deal.id,
			scenarioId: deal.scenarioId,
			scenarioVersion: deal.scenarioVersion,
			updatedAt: deal.updatedAt,
			actions: deal.actions.length,
			snapshot: deal.snapshot
		})),
		attempts: finished.map((attempt) => ({
			id: attempt.id,
			scenarioId: attempt.scenarioId,
			startedAt: attempt.startedAt,
			finishedAt: attempt.finishedAt,
			outcome: attempt.result.outcome,
			score: attempt.result.score
		}))
	});
}

/** Practice assigned to a trainee, as the home page lists it (issue 19). */
export interface AssignedItem {
	id: string;
	scenarioId: string;
	title: string;
	due: number;
	skill: SkillId | null;
	by: string | null;
}

/**
 * The practice assigned to a player or their team, soonest due first, with each scenario's title
 * (its id when this device no longer offers it). None when storage is unavailable.
 */
export async function loadAssigned(playerId: string | null): Promise<AssignedItem[]> {
	if (!playerId) return [];
	try {
		const stored = await players.get(playerId);
		const [rows, catalogue] = await Promise.all([
			practice.forPlayer(playerId, stored?.teamId ?? null),
			loadCatalogue()
		]);
		return rows.map((row) => ({
			id: row.id,
			scenarioId: row.scenarioId,
			title:
				catalogue.find((e) => e.scenario.id === row.scenarioId)?.scenario.title ?? row.scenarioId,
			due: row.due,
			skill: row.skill,
			by: row.by
		}));
	} catch {
		return [];
	}
}
