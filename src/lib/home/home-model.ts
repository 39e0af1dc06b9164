/**
 * What the trainee's home page shows, from what is stored on this device: the deal waiting to be
 * resumed, the next scenario to play (the intro ones first, in the trainee's language), recent
 * results with their medals, and how long the trainee's deals have taken. Pure: the page reads
 * storage and the catalogue and hands them over.
 */
import {
	DIFFICULTIES,
	STAGES,
	type DifficultyId,
	type OutcomeId,
	type StageId
} from '$lib/engine/methodology-basics';
import { medalOf, type Medal } from '$lib/engine/methodology-basics';

/** The little the home page needs of a catalogue entry. */
export interface HomeScenario {
	id: string;
	version: number;
	title: string;
	locale: string;
	difficulty: DifficultyId;
}

export interface HomeDeal {
	id: string;
	scenarioId: string;
	scenarioVersion: number;
	updatedAt: number;
	actions: number;
	/** The deal machine's persisted snapshot (opaque: only its stage is read). */
	snapshot: unknown;
}

export interface HomeAttempt {
	id: string;
	scenarioId: string;
	startedAt: number;
	finishedAt: number;
	outcome: OutcomeId;
	score: number;
}

export interface HomeModel {
	resume?: { scenarioId: string; title: string; stage?: StageId; actions: number };
	next?: {
		scenarioId: string;
		title: string;
		difficulty: DifficultyId;
		/** Why this one: never played yet, or the weakest score to improve. */
		reason: 'new' | 'improve';
	};
	recent: {
		attemptId: string;
		title: string;
		finishedAt: number;
		outcome: OutcomeId;
		score: number;
		medal?: Medal;
	}[];
	/** Medals won so far, best first. */
	medals: Record<Medal, number>;
	/** The median minutes the trainee's finished deals took, once there are any. */
	minutesPerDeal?: number;
}

/** How many recent results the home page lists. */
export const RECENT_RESULTS = 5;

/** The stage a persisted deal snapshot is in, when it can be read. */
export function snapshotStage(snapshot: unknown): StageId | undefined {
	const stage = (snapshot as { context?: { stage?: unknown } } | null)?.context?.stage;
	return STAGES.includes(stage as StageId) ? (stage as StageId) : undefined;
}

/**
 * The home page of a trainee: `homeModel({ scenarios, deals: [], attempts: [], locale: 'en' })`
 * recommends the first intro scenario in English and resumes nothing.
 */
export function homeModel(input: {
	scenarios: readonly HomeScenario[];
	deals: readonly HomeDeal[];
	attempts: readonly HomeAttempt[];
	locale: string;
}): HomeModel {
	const { scenarios, deals, attempts, locale } = input;
	const title = (id: string) => scenarios.find((s) => s.id === id)?.title ?? id;

	const open = [...deals].sort((a, b) => b.updatedAt - a.updatedAt)[0];
	const resume = open
		? {
				scenarioId: open.scenarioId,
				title: title(open.scenarioId),
				stage: snapshotStage(open.snapshot),
				actions: open.actions
			}
		: undefined;

	const best = new Map<string, number>();
	for (const attempt of attempts)
		best.set(attempt.scenarioId, Math.max(best.get(attempt.scenarioId) ?? 0, attempt.score));
	const inLanguage = scenarios.filter((s) => s.locale === locale);
	const pool = (inLanguage.length > 0 ? inLanguage : scenarios).filter(
		(s) => s.id !== open?.scenarioId
	);
	const byDifficulty = [...pool].sort(
		(a, b) =>
			DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty) ||
			a.title.localeCompare(b.title)
	);
	const unplayed = byDifficulty.find((s) => !best.has(s.id));
	const weakest = [...byDifficulty].sort(
		(a, b) => (best.get(a.id) ?? 0) - (best.get(b.id) ?? 0)
	)[0];
	const pick = unplayed ?? weakest;
	const next = pick
		? {
				scenarioId: pick.id,
				title: pick.title,
				difficulty: pick.difficulty,
				reason: unplayed ? ('new' as const) : ('improve' as const)
			}
		: undefined;

	const newest = [...attempts].sort((a, b) => b.finishedAt - a.finishedAt);
	const recent = newest.slice(0, RECENT_RESULTS).map((attempt) => ({
		attemptId: attempt.id,
		title: title(attempt.scenarioId),
		finishedAt: attempt.finishedAt,
		outcome: attempt.outcome,
		score: attempt.score,
		...(medalOf(attempt.score) ? { medal: medalOf(attempt.score) } : {})
	}));
	const medals: Record<Medal, number> = { gold: 0, silver: 0, bronze: 0 };
	for (const attempt of attempts) {
		const medal = medalOf(attempt.score);
		if (medal) medals[medal] += 1;
	}

	const minutes = attempts
		.map((a) => (a.finishedAt - a.startedAt) / 60_000)
		.filter((m) => m > 0)
		.sort((a, b) => a - b);
	const middle = minutes.length / 2;
	const median =
		minutes.length === 0
			? undefined
			: minutes.length % 2
				? minutes[Math.floor(middle)]
				: (minutes[middle - 1] + minutes[middle]) / 2;

	return {
		...(resume ? { resume } : {}),
		...(next ? { next } : {}),
		recent,
		medals,
		...(median === undefined ? {} : { minutesPerDeal: Math.max(1, Math.round(median)) })
	};
}
