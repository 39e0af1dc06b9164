/**
 * The course's skills, as a trainer names them, derived from an attempt's score (issue 19).
 *
 * The score already judges the course skill by skill: each score category of
 * src/lib/engine/deal/scoring.ts is one part of the method (methodology §2–§12). This module is
 * the one place that says which category measures which skill, and in which order the skills are
 * shown and break ties. A skill's level in an attempt is its category's share of the points it
 * could earn (stored points ÷ the category's weight in that scenario), 0..1, before the outcome
 * factor of rules 2 — so a lost deal still shows the roles the trainee got right.
 *
 * Pure TypeScript: no Svelte, Dexie or DOM; the browser pages and the specs call the same code.
 */
import {
	DEFAULT_METHODOLOGY,
	SCORE_CATEGORIES,
	STAGES,
	type OutcomeId,
	type ScoreCategoryId
} from '$lib/engine/methodology';
import { stageDecisions } from '$lib/engine/deal/deal-rules';
import type { Action, Scenario } from '$lib/engine/scenario/schema';

/** The course's skills, in the order the course teaches them (also the tie-break order). */
export const SKILLS = [
	'roles',
	'key-people',
	'activity-fit',
	'strategy',
	'intel',
	'decisions',
	'forecasting',
	'winning'
] as const;
export type SkillId = (typeof SKILLS)[number];

export interface SkillDefinition {
	id: SkillId;
	/** The score category that measures it (src/lib/engine/deal/scoring.ts). */
	category: ScoreCategoryId;
	/** The methodology section a trainer reads about it (shared methodology, handbook pages). */
	section: 'roles' | 'stages' | 'activities' | 'strategies' | 'funnel';
}

/**
 * Skill ← score category, as data (the category's rules, messages/engine `rule_<code>`, are the
 * skill's evidence). Each skill is measured by exactly one category and each category measures
 * one skill, so a stored attempt (which keeps its category points) gives
 * every skill without replaying it.
 */
export const SKILL_DEFINITIONS: Readonly<Record<SkillId, SkillDefinition>> = {
	roles: {
		id: 'roles',
		category: 'roles',
		section: 'roles'
	},
	'key-people': {
		id: 'key-people',
		category: 'focus',
		section: 'stages'
	},
	'activity-fit': {
		id: 'activity-fit',
		category: 'activities',
		section: 'activities'
	},
	strategy: {
		id: 'strategy',
		category: 'strategy',
		section: 'strategies'
	},
	intel: {
		id: 'intel',
		category: 'intel',
		section: 'stages'
	},
	decisions: {
		id: 'decisions',
		category: 'decisions',
		section: 'stages'
	},
	forecasting: {
		id: 'forecasting',
		category: 'forecast',
		section: 'funnel'
	},
	winning: {
		id: 'winning',
		category: 'outcome',
		section: 'strategies'
	}
};

const SKILL_OF_CATEGORY = new Map<ScoreCategoryId, SkillId>(
	SKILLS.map((skill) => [SKILL_DEFINITIONS[skill].category, skill])
);

/** The skill a score category measures. */
export function skillOfCategory(category: ScoreCategoryId): SkillId {
	return SKILL_OF_CATEGORY.get(category)!;
}

/** The index of a skill in SKILLS (tie-break order). */
export function skillIndex(skill: SkillId): number {
	return SKILLS.indexOf(skill);
}

/** A category's weight in a scenario, 0 when the scenario gives it nothing to judge. */
export type ScenarioWeights = Record<ScoreCategoryId, number>;

/**
 * The weights a scenario's attempts were scored with: its own `scoring.weights` whole, or the
 * defaults; a category the scenario has nothing to judge in (no intel items, no decisions)
 * drops out as the score drops it (src/lib/engine/deal/scoring.ts), so it never reads as 0.
 */
export function scenarioWeights(
	scenario: Pick<Scenario, 'intel' | 'stages'> & { scoring?: Scenario['scoring'] }
): ScenarioWeights {
	const given: Partial<Record<ScoreCategoryId, number>> =
		scenario.scoring?.weights ?? DEFAULT_METHODOLOGY.weights;
	const hasDecisions = Object.values(scenario.stages).some(
		(plan) => stageDecisions(plan).length > 0
	);
	const weights = {} as ScenarioWeights;
	for (const category of SCORE_CATEGORIES) weights[category] = given[category] ?? 0;
	if (scenario.intel.length === 0) weights.intel = 0;
	if (!hasDecisions) weights.decisions = 0;
	return weights;
}

/** A skill's level in one attempt, 0..1, or NaN when the attempt did not judge it. */
export type SkillLevels = Float64Array;

/**
 * Each skill's level in one attempt from its stored category points (`result.categories`,
 * weighted points 0..weight) and the scenario's weights. Points above the weight (a rounding)
 * count as the weight.
 *
 * @example skillLevels({ roles: 12.5 }, { ...weights, roles: 25 })[0] // 0.5
 */
export function skillLevels(
	categories: Partial<Record<ScoreCategoryId, number>>,
	weights: ScenarioWeights
): SkillLevels {
	const levels = new Float64Array(SKILLS.length);
	SKILLS.forEach((skill, index) => {
		const category = SKILL_DEFINITIONS[skill].category;
		const weight = weights[category];
		const points = categories[category];
		levels[index] =
			weight > 0 && points !== undefined && Number.isFinite(points)
				? Math.min(1, Math.max(0, points / weight))
				: NaN;
	});
	return levels;
}

/** The stages whose forecast the course asks for: implementation is already decided. */
export const FORECAST_STAGE_COUNT = 5;

/**
 * What an attempt tells about its forecasts: the last forecast made in each stage (by index,
 * 0 = discover needs .. 4 = commitment; NaN where none) and the stage the deal reached (0..5).
 * Read from the action list: a stored attempt's actions were all accepted (an attempt with a
 * refused action is not stored, src/lib/engine/results/verify-attempt.ts), and each `advance`
 * closes one stage and opens the next (src/lib/engine/deal/deal-rules.ts `closeStage`), so the
 * stage of an action is the number of advances before it. A won deal reached implementation.
 */
export interface ForecastFacts {
	forecasts: Float64Array;
	reached: number;
}

export function forecastFacts(actions: readonly Action[], outcome: OutcomeId): ForecastFacts {
	const forecasts = new Float64Array(FORECAST_STAGE_COUNT).fill(NaN);
	let stage = 0;
	for (const action of actions) {
		if (action.type === 'advance') stage = Math.min(stage + 1, FORECAST_STAGE_COUNT);
		else if (action.type === 'forecast' && stage < FORECAST_STAGE_COUNT)
			forecasts[stage] = action.probability;
	}
	const reached =
		outcome === 'won' ? FORECAST_STAGE_COUNT : Math.min(stage, FORECAST_STAGE_COUNT - 1);
	return { forecasts, reached };
}

/** The stage whose end the decision maker must be met by (methodology §5, the KPI example of issue 19). */
const DELIBERATION = STAGES.indexOf('internal-deliberation');

/**
 * Whether the trainee met the decision maker by the end of internal deliberation: an activity
 * with a decision maker of the scenario (`makers`, role `decision-maker`) among its people, in
 * discover needs or internal deliberation — the score's rule `dm-reached`
 * (src/lib/engine/deal/scoring-v1.ts `decisionMakerReached`), as a count of deals. Stages are
 * read from the actions as forecastFacts reads them. Judged in a deal that closed internal
 * deliberation, and in one lost before it closed (it never met them in time); not judged when
 * the deal was withdrawn before (a wise withdrawal is not held against the trainee), nor in a
 * scenario without a decision maker: undefined.
 *
 * @example decisionMakerMet([{ type: 'advance' }, { type: 'activity', activity: 'visit', people: ['dm'] }, { type: 'advance' }], new Set(['dm']), 'lost') // true
 */
export function decisionMakerMet(
	actions: readonly Action[],
	makers: ReadonlySet<string>,
	outcome: OutcomeId
): boolean | undefined {
	if (makers.size === 0) return undefined;
	let stage = 0;
	for (const action of actions) {
		if (action.type === 'advance') {
			stage++;
			if (stage > DELIBERATION) return false;
		} else if (
			action.type === 'activity' &&
			stage <= DELIBERATION &&
			action.people.some((id) => makers.has(id))
		)
			return true;
	}
	return outcome === 'withdrawn' ? undefined : false;
}

/** The ids of a scenario's decision makers. */
export function decisionMakers(scenario: Pick<Scenario, 'people'>): Set<string> {
	return new Set(scenario.people.filter((p) => p.role === 'decision-maker').map((p) => p.id));
}

/** One attempt as the skills pages read it: who, when, and what it shows. */
export interface SkillAttempt {
	playerId: string;
	/** The team the player is in now (a player who changes team takes their history along). */
	teamId: string | null;
	scenarioId: string;
	finishedAt: number;
	outcome: OutcomeId;
	levels: SkillLevels;
	/** Absent when the actions were not read. */
	forecast?: ForecastFacts;
	/** decisionMakerMet; absent when not judged (or the actions or scenario were not read). */
	decisionMaker?: boolean;
}

/** What the skills read of a scenario version: its weights and its decision makers. */
export interface ScenarioFacts {
	weights: ScenarioWeights;
	makers: ReadonlySet<string>;
}

/**
 * The facts of a scenario version; for one not at hand, the default weights and no decision
 * maker (the decision-maker metric is then not judged).
 */
export function scenarioFacts(
	scenario:
		(Pick<Scenario, 'intel' | 'stages' | 'people'> & { scoring?: Scenario['scoring'] }) | undefined
): ScenarioFacts {
	return scenario
		? { weights: scenarioWeights(scenario), makers: decisionMakers(scenario) }
		: { weights: { ...DEFAULT_METHODOLOGY.weights }, makers: new Set() };
}

/** One verified result, wherever it is kept (this browser, or a class hub's backup). */
export interface ResultFacts {
	playerId: string;
	teamId: string | null;
	scenarioId: string;
	finishedAt: number;
	outcome: OutcomeId;
	categories: Partial<Record<ScoreCategoryId, number>>;
	/** Its actions; absent when they were not read (no forecasts, no decision-maker metric). */
	actions?: readonly Action[];
}

/**
 * A result as the skills pages read it: the one mapping both sources go through, so a class on
 * a hub and the results in this browser are judged alike.
 *
 * @example skillAttemptOf({ playerId: 'p', teamId: null, scenarioId: 's', finishedAt: 0, outcome: 'won', categories: { roles: 25 } }, facts).levels[0] // 1 with a roles weight of 25
 */
export function skillAttemptOf(result: ResultFacts, facts: ScenarioFacts): SkillAttempt {
	const { actions } = result;
	const met = actions && decisionMakerMet(actions, facts.makers, result.outcome);
	return {
		playerId: result.playerId,
		teamId: result.teamId,
		scenarioId: result.scenarioId,
		finishedAt: result.finishedAt,
		outcome: result.outcome,
		levels: skillLevels(result.categories, facts.weights),
		...(actions ? { forecast: forecastFacts(actions, result.outcome) } : {}),
		...(met === undefined ? {} : { decisionMaker: met })
	};
}
