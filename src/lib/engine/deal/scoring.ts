/**
 * Scoring an attempt against the methodology. Each category is a list of rule results: points,
 * the maximum, a message code that explains them, and the methodology section it applies
 * (texts in messages/engine, `rule_<code>`). Category ratios are weighted by the scenario's
 * `scoring.weights` (or the defaults) into 0–100; a category with nothing to judge (say, a
 * scenario without decisions) drops out and the others share its weight.
 *
 * Rules 2 (the current rules) then keep a share of that by how the deal ended: a lost deal or an
 * unwise withdrawal cannot score well whatever else was done, and the stages a deal never reached
 * count as nothing, unless the scenario marks the withdrawal as the lesson. An attempt is always
 * scored under the rules it was played under (`context.rules`; rules 1 in scoring-v1.ts).
 */
import {
	CONTACTS,
	DELIBERATION_INTEL,
	SCORE_CATEGORIES,
	SCORING,
	STAGES,
	attitudeOf,
	fitAtLeast,
	stageIndex,
	type RulesVersion,
	type ScoreCategoryId,
	type StageId
} from '../methodology';
import type { Person } from '../scenario/schema';
import { isKeyPerson, round, stageDecisions, type DealContext } from './deal-rules';
import {
	activityRulesV1,
	decisionMakerReached,
	focusRulesV1,
	forecastRulesV1,
	outcomeRulesV1,
	reachedStages,
	stageRule
} from './scoring-v1';
import type { CategoryScore, LogEntry, RuleResult, ScoreReport } from './types';

type Rules = (context: DealContext) => RuleResult[];

const RULES: Record<RulesVersion, Record<ScoreCategoryId, Rules>> = {
	1: {
		roles: roleRules,
		focus: focusRulesV1,
		activities: activityRulesV1,
		strategy: strategyRules,
		intel: (context) => intelRules(context, reachedStages(context)),
		decisions: (context) => decisionRules(context, reachedStages(context)),
		forecast: forecastRulesV1,
		outcome: outcomeRulesV1
	},
	2: {
		roles: roleRules,
		focus: focusRules,
		activities: activityRules,
		strategy: strategyRules,
		intel: (context) => intelRules(context, judgedStages(context)),
		decisions: (context) => decisionRules(context, judgedStages(context)),
		forecast: forecastRules,
		outcome: outcomeRules
	}
};

/** The score of a deal as it stands: `scoreDeal(replay(s, actions).final).total` → 0..100. */
export function scoreDeal(context: DealContext): ScoreReport {
	// A scenario's weights replace the defaults whole: they add up to 100 on their own.
	const weights: Partial<Record<ScoreCategoryId, number>> =
		context.scenario.scoring?.weights ?? context.method.weights;
	const table = RULES[context.rules];
	FACTS.delete(context);
	const categories: CategoryScore[] = [];
	let earned = 0;
	let possible = 0;
	for (const category of SCORE_CATEGORIES) {
		const rules = table[category](context);
		const max = sum(rules.map((rule) => rule.max));
		const got = sum(rules.map((rule) => rule.points));
		const weight = weights[category] ?? 0;
		const points = max > 0 ? (weight * got) / max : 0;
		if (max > 0) {
			earned += points;
			possible += weight;
		}
		categories.push({
			category,
			points: round(points, 2),
			weight: max > 0 ? weight : 0,
			rules: rules.map((rule) => ({ ...rule, points: round(rule.points, 3) }))
		});
	}
	FACTS.delete(context);
	const factor = context.rules >= 2 ? outcomeFactor(context) : undefined;
	const method = possible > 0 ? (100 * earned) / possible : 0;
	const total = round(method * (factor?.value ?? 1), 1);
	return { total, categories, rules: context.rules, ...(factor ? { factor } : {}) };
}

// ------------------------------------------------------------------ what the score judges

/**
 * The stages rules 2 judge: all six once the deal has ended, unless the trainee withdrew wisely
 * (then those reached); while the deal runs, those reached.
 */
function judgedStages(context: DealContext): StageId[] {
	if (!context.outcome || context.withdrawal?.wise) return reachedStages(context);
	return [...STAGES];
}

function reached(context: DealContext, stage: StageId): boolean {
	return stageIndex(stage) <= stageIndex(context.stage);
}

type ActivityEntry = Extract<LogEntry, { kind: 'activity' }>;

/** What several rules read of a finished context, worked out once per scoring (replays score a lot). */
interface Facts {
	activities: ActivityEntry[];
	byStage: Map<StageId, ActivityEntry[]>;
	people: Map<string, Person>;
}
// Kept for one `scoreDeal` call only: a replay mutates its context in place between scorings.
const FACTS = new WeakMap<DealContext, Facts>();

function facts(context: DealContext): Facts {
	let found = FACTS.get(context);
	if (!found) {
		const activities = context.log.filter((entry) => entry.kind === 'activity');
		const byStage = new Map<StageId, ActivityEntry[]>();
		for (const entry of activities) {
			const list = byStage.get(entry.stage);
			if (list) list.push(entry);
			else byStage.set(entry.stage, [entry]);
		}
		const people = new Map(context.scenario.people.map((person) => [person.id, person]));
		found = { activities, byStage, people };
		FACTS.set(context, found);
	}
	return found;
}

function activities(context: DealContext): ActivityEntry[] {
	return facts(context).activities;
}

/** The share of the method's points a deal keeps by how it ended (rules 2). */
export function outcomeFactor(context: DealContext): ScoreReport['factor'] {
	const factors = SCORING.outcomeFactor;
	switch (context.outcome) {
		case undefined:
			return undefined;
		case 'won':
			return { code: 'factor-won', value: factors.won };
		case 'lost':
			return { code: 'factor-lost', value: factors.lost };
		case 'withdrawn':
			return context.withdrawal?.wise
				? { code: 'factor-wise', value: factors.wise }
				: { code: 'factor-withdrawn', value: factors.withdrawn };
	}
}

// ------------------------------------------------------------------ roles (§2, §3)

function roleRules(context: DealContext): RuleResult[] {
	const rules: RuleResult[] = [];
	const known = context.scenario.people.filter((p) => context.people[p.id].known);
	for (const person of context.scenario.people) {
		const state = context.people[person.id];
		const entry = context.chart[person.id];
		const params = { person: person.id, role: person.role };
		if (!state.known) {
			rules.push({
				code: 'role-hidden',
				points: 0,
				max: SCORING.chartPoints.role,
				params,
				section: 'chart'
			});
		} else if (!entry?.role) {
			rules.push({
				code: 'role-missing',
				points: 0,
				max: SCORING.chartPoints.role,
				params,
				section: 'roles'
			});
		} else if (entry.role !== person.role) {
			rules.push({
				code: 'role-wrong',
				points: 0,
				max: SCORING.chartPoints.role,
				params: { ...params, chosen: entry.role },
				section: 'roles'
			});
		} else {
			const from = state.revealedIn ? stageIndex(state.revealedIn) : 0;
			const delay = Math.max(0, stageIndex(entry.roleStage ?? 'discover-needs') - from);
			const credit = Math.max(SCORING.roleMinCredit, 1 - SCORING.roleDelayLoss * delay);
			rules.push({
				code: delay === 0 ? 'role-right' : 'role-late',
				points: SCORING.chartPoints.role * credit,
				max: SCORING.chartPoints.role,
				params: { ...params, stage: entry.roleStage ?? 'discover-needs', delay },
				section: 'roles'
			});
		}
	}
	if (known.length > 0) {
		const levels = known.filter((p) => context.chart[p.id]?.level === p.level).length;
		rules.push({
			code: 'chart-levels',
			points: levels * SCORING.chartPoints.level,
			max: known.length * SCORING.chartPoints.level,
			params: { right: levels, count: known.length },
			section: 'organization'
		});
		const attitudes = known.filter(
			(p) => context.chart[p.id]?.attitude === attitudeOf(context.people[p.id].points)
		).length;
		rules.push({
			code: 'chart-attitudes',
			points: attitudes * SCORING.chartPoints.attitude,
			max: known.length * SCORING.chartPoints.attitude,
			params: { right: attitudes, count: known.length },
			section: 'chart'
		});
		if (context.rules >= 2) {
			const contacts = known.filter(
				(p) => context.chart[p.id]?.contact === contactOf(context, p.id)
			).length;
			rules.push({
				code: 'chart-contacts',
				points: contacts * SCORING.chartPoints.contact,
				max: known.length * SCORING.chartPoints.contact,
				params: { right: contacts, count: known.length },
				section: 'chart'
			});
		}
	}
	return rules;
}

function contactOf(context: DealContext, id: string) {
	return CONTACTS[context.people[id].contact];
}

// ------------------------------------------------------------------ focus (§4, §12 key roles)

/**
 * Rules 2 focus, as coverage: in each stage, were its key people (by influence) reached with an
 * activity that fits the stage? Contacts with anyone else neither add nor take away, so padding
 * earns nothing; a stage not reached, or with its key people left alone, earns nothing.
 */
function focusRules(context: DealContext): RuleResult[] {
	const { scenario, method } = context;
	const rules: RuleResult[] = [];
	for (const stage of judgedStages(context)) {
		const key = scenario.people.filter((person) => isKeyPerson(method, stage, person));
		if (key.length === 0) continue;
		if (!reached(context, stage)) {
			rules.push(stageRule('stage-not-reached', stage));
			continue;
		}
		// The stage the deal is still in is judged once it is closed.
		if (!context.outcome && !context.closedStages.includes(stage)) continue;
		const worked = new Set(
			(facts(context).byStage.get(stage) ?? [])
				.filter((entry) => entry.activity !== 'gift' && fitAtLeast(entry.fit, SCORING.focusFit))
				.flatMap((entry) => entry.people)
		);
		const total = sum(key.map((person) => person.influence));
		const covered = key.filter((person) => worked.has(person.id));
		const missed = key.filter((person) => !worked.has(person.id));
		rules.push({
			code:
				missed.length === 0
					? 'focus-covered-all'
					: covered.length === 0
						? 'focus-covered-none'
						: 'focus-covered-some',
			points: sum(covered.map((person) => person.influence)) / total,
			max: 1,
			params: {
				stage,
				covered: covered.length,
				count: key.length,
				people: missed.map((person) => person.id).join(',')
			},
			section: 'stages'
		});
	}
	const reachedMaker = decisionMakerReached(context);
	// A deal that ended before internal deliberation closed, unwisely, never met the decision
	// maker in time either.
	if (reachedMaker.length === 0 && context.outcome && !context.withdrawal?.wise) {
		reachedMaker.push({
			code: 'dm-not-reached',
			points: 0,
			max: SCORING.decisionMakerPoints,
			params: {},
			section: 'stages'
		});
	}
	rules.push(...reachedMaker);
	return rules;
}

// ------------------------------------------------------------------ activities (§10, §12 fit)

/**
 * Rules 2 activities, stage by stage: the fit of what was done, weighted by what it cost (so cheap
 * calls cannot pad a few costly poor choices), each activity counting only for the share of its
 * people it had a reason to reach (a key person of the stage, someone who could tell intel not yet
 * learned, or an influential person). A gift is a courtesy and never earns credit.
 */
function activityRules(context: DealContext): RuleResult[] {
	const { scenario } = context;
	const done = activities(context);
	const rules: RuleResult[] = [];
	const budget = Math.max(1, scenario.resources.budget);
	const weeks = Math.max(1, scenario.resources.weeks);
	for (const stage of judgedStages(context)) {
		if (!reached(context, stage)) {
			rules.push(stageRule('stage-not-reached', stage));
			continue;
		}
		const here = facts(context).byStage.get(stage) ?? [];
		const closed = context.closedStages.includes(stage) || context.outcome !== undefined;
		if (here.length === 0) {
			if (closed) {
				rules.push(stageRule('stage-no-activity', stage));
			}
			continue;
		}
		let weight = 0;
		let credit = 0;
		let aimless = 0;
		for (const entry of here) {
			const cost = Math.max(SCORING.leastActivityCost, entry.money / budget + entry.weeks / weeks);
			const fit = entry.activity === 'gift' ? 0 : SCORING.fitCredit[entry.fit];
			const aimed =
				entry.people.length === 0 ? 1 : purposeful(context, entry) / entry.people.length;
			aimless += entry.people.length - Math.round(aimed * entry.people.length);
			weight += cost;
			credit += cost * fit * aimed;
		}
		const share = credit / weight;
		rules.push({
			code:
				share >= SCORING.activityBands.good
					? 'activities-good'
					: share >= SCORING.activityBands.mixed
						? 'activities-mixed'
						: 'activities-poor',
			points: share,
			max: 1,
			params: { stage, share: Math.round(share * 100), aimless },
			section: 'activities'
		});
	}
	if (done.length > 0) {
		const risks = done.flatMap((entry) => entry.reactions.filter((r) => r.risk)).length;
		rules.push({
			code: risks === 0 ? 'no-compliance-risk' : 'compliance-risk',
			points: risks === 0 ? 1 : 0,
			max: 1,
			params: { count: risks },
			section: 'defaults'
		});
	} else if (context.outcome || context.closedStages.length > 0) {
		rules.push({ code: 'no-activities', points: 0, max: 1, params: {}, section: 'activities' });
	}
	return rules;
}

/** How many of an activity's people it had a reason to reach. */
function purposeful(context: DealContext, entry: ActivityEntry): number {
	const { scenario, method } = context;
	const people = facts(context).people;
	return entry.people.filter((id) => {
		const person = people.get(id)!;
		if (isKeyPerson(method, entry.stage, person)) return true;
		if (person.influence >= method.highInfluence) return true;
		return scenario.intel.some(
			(item) =>
				item.from.includes(id) &&
				item.by.includes(entry.activity) &&
				stageIndex(item.stage) <= stageIndex(entry.stage) &&
				(context.intel[item.id]?.at ?? Infinity) >= entry.at
		);
	}).length;
}

// ------------------------------------------------------------------ strategy (§5, §6)

function strategyRules(context: DealContext): RuleResult[] {
	const { best, acceptable } = context.scenario.strategy;
	const planned = context.plannedStrategy;
	if (!planned) {
		if (context.closedStages.length === 0 && !context.outcome) return [];
		return [{ code: 'strategy-none', points: 0, max: 1, params: { best }, section: 'strategies' }];
	}
	const verdict: keyof typeof SCORING.strategyCredit =
		planned === best
			? 'best'
			: acceptable.includes(planned)
				? 'acceptable'
				: context.strategy === best
					? 'corrected'
					: 'wrong';
	return [
		{
			code: `strategy-${verdict}`,
			points: SCORING.strategyCredit[verdict],
			max: 1,
			params: { best, strategy: planned },
			section: 'strategies'
		}
	];
}

// ------------------------------------------------------------------ intel (§4, §8)

function intelRules(context: DealContext, stages: readonly StageId[]): RuleResult[] {
	const last = Math.max(...stages.map(stageIndex));
	const rules: RuleResult[] = [];
	for (const item of context.scenario.intel) {
		if (stageIndex(item.stage) > last) continue;
		const key = DELIBERATION_INTEL.includes(item.kind);
		const max = key ? SCORING.intelPoints.key : SCORING.intelPoints.other;
		const learned = context.intel[item.id];
		const params = { intel: item.id, kind: item.kind };
		if (!learned) {
			rules.push({
				code: 'intel-missed',
				points: 0,
				max,
				params,
				section: key ? 'stages' : 'records'
			});
		} else if (key && stageIndex(learned.stage) > stageIndex('internal-deliberation')) {
			rules.push({ code: 'intel-late', points: 1, max, params, section: 'stages' });
		} else {
			rules.push({
				code: 'intel-learned',
				points: max,
				max,
				params,
				section: key ? 'stages' : 'records'
			});
		}
	}
	return rules;
}

// ------------------------------------------------------------------ decisions (§4)

/**
 * Each decision answered, by its option's credit. Under rules 2, a decision of a stage the deal
 * never reached (and which would have been asked whatever happened) counts as unanswered.
 */
function decisionRules(context: DealContext, stages: readonly StageId[]): RuleResult[] {
	const rules: RuleResult[] = [];
	for (const stage of stages) {
		for (const decision of stageDecisions(context.scenario.stages[stage])) {
			const made = context.decisions[decision.id];
			if (!made) {
				if (!reached(context, stage) && !decision.if) {
					rules.push({
						code: 'decision-not-reached',
						points: 0,
						max: 1,
						params: { decision: decision.id, stage },
						section: 'stages'
					});
				}
				continue;
			}
			const option = decision.options.find((o) => o.id === made.option)!;
			const best = Math.max(...decision.options.map((o) => o.score));
			rules.push({
				code:
					option.score >= best
						? 'decision-best'
						: option.score > 0
							? 'decision-partial'
							: 'decision-weak',
				points: option.score,
				max: 1,
				params: { decision: decision.id, option: option.id, stage },
				section: 'stages'
			});
		}
	}
	return rules;
}

// ------------------------------------------------------------------ forecast (§9)

/**
 * Rules 2 forecast: each stage's last forecast against the engine's calibrated probability when
 * it was made (the funnel rate of the stage, moved by the deal's evidence), not against how the
 * deal ended: certainty is not knowledge. A forecast within the tolerance earns part of its point.
 */
function forecastRules(context: DealContext): RuleResult[] {
	if (!context.outcome) return [];
	const rules: RuleResult[] = [];
	for (const stage of judgedStages(context)) {
		if (stage === 'implementation') continue;
		const p = context.forecasts[stage];
		const closed = context.closedStages.includes(stage);
		if (p === undefined) {
			// The stage the deal ended in, before it closed, asked for no forecast yet.
			if (!closed && reached(context, stage)) continue;
			rules.push({
				code: 'forecast-missing',
				points: 0,
				max: 1,
				params: { stage },
				section: 'funnel'
			});
			continue;
		}
		const calibrated = context.calibrated[stage] ?? context.method.funnel[stage];
		const distance = Math.abs(p - calibrated);
		const points = Math.max(0, 1 - distance / SCORING.forecastTolerance);
		rules.push({
			code:
				distance <= SCORING.forecastCalibratedBand
					? 'forecast-calibrated'
					: p > calibrated
						? 'forecast-too-high'
						: 'forecast-too-low',
			points,
			max: 1,
			params: {
				stage,
				probability: Math.round(p * 100),
				calibrated: Math.round(calibrated * 100),
				funnel: Math.round(context.method.funnel[stage] * 100)
			},
			section: 'funnel'
		});
	}
	return rules;
}

// ------------------------------------------------------------------ outcome (§4, §6)

/**
 * Rules 2 outcome: a win is worth more when the users are satisfied after implementation — more
 * so for a customer to farm or partner with; a wise withdrawal earns the credit the scenario
 * gives it; a loss or an unwise withdrawal earns nothing.
 */
function outcomeRules(context: DealContext): RuleResult[] {
	const { outcome, scenario } = context;
	if (!outcome) {
		return context.at > 0
			? [{ code: 'outcome-unfinished', points: 0, max: 1, params: {}, section: 'stages' }]
			: [];
	}
	if (outcome === 'won') {
		const users = scenario.people.filter((p) => p.role === 'user');
		const judged = users.length > 0 ? users : scenario.people;
		const satisfaction =
			sum(
				judged.map(
					(p) => p.influence * SCORING.satisfaction[attitudeOf(context.people[p.id].points)]
				)
			) / sum(judged.map((p) => p.influence));
		const share = SCORING.satisfactionShare[scenario.strategy.best];
		return [
			{
				code:
					satisfaction >= SCORING.satisfiedBand ? 'outcome-won-satisfied' : 'outcome-won-unhappy',
				points: 1 - share + share * satisfaction,
				max: 1,
				params: {
					satisfaction: Math.round(satisfaction * 100),
					share: Math.round(share * 100),
					strategy: scenario.strategy.best
				},
				section: 'strategies'
			}
		];
	}
	if (outcome === 'lost')
		return [{ code: 'outcome-lost', points: 0, max: 1, params: {}, section: 'stages' }];
	const verdict = context.withdrawal;
	if (verdict?.wise) {
		return [
			{
				code: verdict.entry === undefined ? 'withdrew-wisely' : 'withdrew-as-marked',
				points: verdict.credit,
				max: 1,
				params: verdict.entry === undefined ? {} : { withdrawal: verdict.entry },
				section: 'stages'
			}
		];
	}
	const heading = context.purchase && !context.purchase.won;
	return [
		{
			code: heading ? 'withdrew-early' : 'withdrew-winnable',
			points: 0,
			max: 1,
			params: {},
			section: 'stages'
		}
	];
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
