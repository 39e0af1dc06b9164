/**
 * Reads what the home page needs for one player: their deals in progress and finished attempts
 * (IndexedDB), and the scenarios they can play (the catalogue). Unavailable storage gives an empty
 * history rather than an error: the page still recommends where to start.
 */
import { attempts, deals } from '$lib/db';
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
