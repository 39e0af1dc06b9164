/**
 * Reads what the home page needs for one player: their deals in progress and finished attempts
 * (IndexedDB), and the scenarios they can play (the build's list of shipped scenarios and the
 * trainer's published ones). Unavailable storage gives an empty history rather than an error: the
 * page still recommends where to start. Without a player there is nothing to read, and neither
 * the storage code nor a scenario file is downloaded.
 */
import { storedData } from '$lib/db/presence';
import type { SkillId } from '$lib/skills/skills';
import { shippedList } from '$lib/scenarios/shipped-list';
import { homeModel, type HomeModel, type HomeScenario } from './home-model';

/**
 * The playable scenarios as the catalogue offers them (loadCatalogue: the newest version of each
 * id, a trainer's published version over a shipped one with a lower version), from summaries.
 */
async function homeScenarios(): Promise<HomeScenario[]> {
	const newest = new Map<string, HomeScenario>(shippedList().map((s) => [s.id, s]));
	// A trainer's published scenarios, read through the validator (none without a database: the
	// catalogue's code, with its loaders of every shipped file, is then not downloaded).
	const trainer = (await storedData())
		? await (await import('$lib/scenarios/catalogue')).trainerScenarios()
		: [];
	for (const { scenario } of trainer) {
		const current = newest.get(scenario.id);
		if (!current || scenario.version > current.version) newest.set(scenario.id, scenario);
	}
	return [...newest.values()].map(homeScenario);
}

function homeScenario({ id, version, title, locale, difficulty }: HomeScenario): HomeScenario {
	return { id, version, title, locale, difficulty };
}

/**
 * The home page of a device that has stored nothing: its first screen, prerendered in English,
 * and what the page shows until the device's own history is read.
 */
export function firstVisitHome(locale: string): HomeModel {
	return homeModel({ locale, scenarios: shippedList().map(homeScenario), deals: [], attempts: [] });
}

export async function loadHome(playerId: string | null, locale: string): Promise<HomeModel> {
	const storage = playerId ? await storedData() : undefined;
	const [scenarios, open, finished] = await Promise.all([
		homeScenarios(),
		storage && playerId ? storage.deals.listUnfinished(playerId).catch(() => []) : [],
		storage && playerId ? storage.attempts.forPlayer(playerId).catch(() => []) : []
	]);
	return homeModel({
		locale,
		scenarios,
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
		const storage = await storedData();
		if (!storage) return [];
		const stored = await storage.players.get(playerId);
		const [rows, scenarios] = await Promise.all([
			storage.practice.forPlayer(playerId, stored?.teamId ?? null),
			homeScenarios()
		]);
		return rows.map((row) => ({
			id: row.id,
			scenarioId: row.scenarioId,
			title: scenarios.find((s) => s.id === row.scenarioId)?.title ?? row.scenarioId,
			due: row.due,
			skill: row.skill,
			by: row.by
		}));
	} catch {
		return [];
	}
}
