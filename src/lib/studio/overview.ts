/**
 * The trainer's one-page picture of a scenario: who is who in the customer's organization (with
 * the hidden truth a trainee must discover), what can be learned in each stage and from whom,
 * and what happens and must be decided in each stage. Plain data for the overview component.
 */
import { stageDecisions } from '$lib/engine/deal/deal-rules';
import {
	DEPARTMENTS,
	LEVELS,
	SCORE_CATEGORIES,
	STAGES,
	type DepartmentId,
	type LevelId,
	type ScoreCategoryId,
	type StageId
} from '$lib/engine/methodology';
import { isKeyPerson } from '$lib/engine/deal/deal-rules';
import { resolveMethodology } from '$lib/engine/deal/resolve-methodology';
import type {
	Decision,
	Intel,
	Person,
	Scenario,
	ScenarioCheck,
	StageEvent
} from '$lib/engine/scenario/schema';

export interface OverviewPerson {
	person: Person;
	/** The stages in which this person is a key person (key role or key department). */
	keyStages: StageId[];
	/** The intel items that put this hidden person on the chart (their id and text). */
	revealedBy: { id: string; text: string }[];
}

export interface OverviewDepartment {
	department: DepartmentId;
	/** Decision level first, operational last; empty levels left out. */
	levels: { level: LevelId; people: OverviewPerson[] }[];
}

export interface OverviewStage {
	stage: StageId;
	brief: string;
	intel: (Intel & { fromNames: string[] })[];
	events: (StageEvent & { personNames: Record<string, string> })[];
	decisions: Decision[];
}

export interface ScenarioOverview {
	departments: OverviewDepartment[];
	stages: OverviewStage[];
	/** The answer key of the strategy question. */
	strategy: Scenario['strategy'];
	/** The score's category weights: the scenario's own, or the course's defaults. */
	weights: { category: ScoreCategoryId; weight: number }[];
	weightsDefault: boolean;
	/** The trainer's checks: what each expects, and how long its path is. */
	checks: { name: string; expect: ScenarioCheck['expect']; actions: number }[];
}

const LEVEL_ORDER: readonly LevelId[] = [...LEVELS].reverse();

/**
 * `overviewModel(scenario).departments[0]` → the leadership with its decision-level people first.
 */
export function overviewModel(scenario: Scenario): ScenarioOverview {
	const method = resolveMethodology(scenario.methodology);
	const names = new Map(scenario.people.map((p) => [p.id, p.name]));
	const nameOf = (id: string) => names.get(id) ?? id;
	const departments = DEPARTMENTS.map((department) => ({
		department,
		levels: LEVEL_ORDER.map((level) => ({
			level,
			people: scenario.people
				.filter((p) => p.department === department && p.level === level)
				.sort((a, b) => b.influence - a.influence)
				.map((person) => ({
					person,
					keyStages: STAGES.filter((stage) => isKeyPerson(method, stage, person)),
					revealedBy: scenario.intel
						.filter((i) => i.reveals === person.id)
						.map((i) => ({ id: i.id, text: i.text }))
				}))
		})).filter((group) => group.people.length > 0)
	})).filter((group) => group.levels.length > 0);
	const stages = STAGES.map((stage) => {
		const plan = scenario.stages[stage];
		return {
			stage,
			brief: plan.brief,
			intel: scenario.intel
				.filter((i) => i.stage === stage)
				.map((i) => ({ ...i, fromNames: i.from.map(nameOf) })),
			events: plan.events.map((event) => ({
				...event,
				personNames: Object.fromEntries(
					[event.unless?.person, ...event.effects.map((e) => e.person)]
						.filter((id): id is string => id !== undefined)
						.map((id) => [id, nameOf(id)])
				)
			})),
			decisions: stageDecisions(plan)
		};
	});
	const own = scenario.scoring?.weights;
	const weights = SCORE_CATEGORIES.map((category) => ({
		category,
		weight: (own ?? method.weights)[category] ?? 0
	}));
	const checks = (scenario.checks ?? []).map((check) => ({
		name: check.name,
		expect: check.expect,
		actions: check.actions.length
	}));
	return {
		departments,
		stages,
		strategy: scenario.strategy,
		weights,
		weightsDefault: own === undefined,
		checks
	};
}
