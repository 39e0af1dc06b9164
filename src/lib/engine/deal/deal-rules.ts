/**
 * The rules of a deal as pure functions of (context, action) → context. The deal machine
 * (deal-machine.ts) wires them to the six stages; replay, scoring and the play page all run
 * through them, so a trainee's click, a replay on the command line and a scoreboard's
 * verification give the same result. No randomness, no clock.
 */
import {
	ATTITUDES,
	CONTACTS,
	DELIBERATION_INTEL,
	RULES_VERSION,
	STAGES,
	attitudeOf,
	customerGroup,
	fitAtLeast,
	nextStage,
	stageIndex,
	type ActivityId,
	type AttitudeId,
	type Fit,
	type Methodology,
	type OutcomeId,
	type RulesVersion,
	type StageId,
	type StrategyId
} from '../methodology';
import { createRandom, deriveSeed } from '../random';
import { SCENARIO_FORMAT_1 } from '../scenario/format-names';
import type {
	Action,
	Condition,
	Decision,
	DecisionOption,
	Defence,
	Person,
	Scenario,
	StageEvent,
	StagePlan
} from '../scenario/schema';
import { resolveMethodology } from './resolve-methodology';
import type { ChartEntry, LogEntry, Reaction, RedFlag, Refusal } from './types';

export interface PersonState {
	known: boolean;
	/** Hidden attitude points; see `attitudeOf`. */
	points: number;
	/** Index into CONTACTS. */
	contact: number;
	/** Stage in which the person was put on the chart by intel. */
	revealedIn?: StageId;
	/** Sign of the last change of attitude the trainee could see (a reaction or an event). */
	lastSeen?: 1 | -1;
	/** Number of activities with this person. */
	touches: number;
}

export interface PurchaseResult {
	won: boolean;
	support: number;
	/** Influence-weighted average attitude value of the decision makers, −1..1. */
	decisionMakers: number;
	/** Share of the timing, budget, motive and designer-dept intel learned, 0..1. */
	keyIntel: number;
	opponentDecisionMaker: boolean;
}

/** How a withdrawal is judged, fixed when the trainee withdraws. */
export interface WithdrawalVerdict {
	/** The scenario marks withdrawing now as the lesson (or, in a format-1 file, it was headed for a loss). */
	wise: boolean;
	/** Share of the outcome credit it earns, 0..1. */
	credit: number;
	/** Index into `scenario.withdrawals` of the entry that made it wise, if one did. */
	entry?: number;
}

export interface DealContext {
	/** The scenario as drawn for this deal: the variant and the attitude bands applied. */
	scenario: Scenario;
	method: Methodology;
	/** The seed the deal was drawn from. */
	seed: number;
	/** The id of the variant drawn, when the scenario has variants. */
	variant?: string;
	/** The version of the rules the deal is played and scored under. */
	rules: RulesVersion;
	stage: StageId;
	outcome?: OutcomeId;
	moneyUsed: number;
	weeksUsed: number;
	strategy?: StrategyId;
	/** The strategy in force when the first activity was done: the one the score judges. */
	plannedStrategy?: StrategyId;
	people: Record<string, PersonState>;
	chart: Record<string, ChartEntry>;
	intel: Record<string, { stage: StageId; at: number }>;
	decisions: Record<string, { option: string; stage: StageId }>;
	/** The last forecast made in each stage. */
	forecasts: Partial<Record<StageId, number>>;
	/** The engine's calibrated win probability when that forecast was made (rules 2). */
	calibrated: Partial<Record<StageId, number>>;
	/** How the withdrawal was judged, when the deal ended in one. */
	withdrawal?: WithdrawalVerdict;
	closedStages: StageId[];
	log: LogEntry[];
	redFlags: RedFlag[];
	/** The purchase decision, once the commitment stage has closed; or its projection at a withdrawal. */
	purchase?: PurchaseResult;
	/** Number of accepted actions so far. */
	at: number;
}

// ------------------------------------------------------------------ start

export interface DealOptions {
	/** The seed the deal's variant is drawn from (an unsigned 32-bit integer); 0 by default. */
	seed?: number;
	/** The rules version to play under; the current one by default. */
	rules?: RulesVersion;
}

/**
 * The deal a seed draws from a scenario: one of its variants (by weight) applied to the people,
 * then each attitude band resolved. `drawDeal(s, 7)` is the same on every machine; a scenario
 * without variants or bands is returned as it is.
 */
export function drawDeal(
	scenario: Scenario,
	seed: number
): { scenario: Scenario; variant?: string } {
	const variants = scenario.variants ?? [];
	const banded = scenario.people.some((person) => person.attitudeBand);
	if (variants.length === 0 && !banded) return { scenario };
	const random = createRandom(deriveSeed(seed, 'deal'));
	const variant =
		variants.length > 0 ? variants[random.weighted(variants.map((v) => v.weight))] : undefined;
	const people = scenario.people.map((person): Person => {
		const patch = variant?.people[person.id] ?? {};
		const drawn: Person = { ...person };
		for (const [key, value] of Object.entries(patch)) {
			if (value !== undefined) Object.assign(drawn, { [key]: value });
		}
		if (drawn.attitudeBand && patch.attitude === undefined) {
			const [a, b] = drawn.attitudeBand.map((attitude) => ATTITUDES.indexOf(attitude));
			const low = Math.min(a, b);
			drawn.attitude = ATTITUDES[low + random.int(Math.abs(a - b) + 1)];
		}
		return drawn;
	});
	return { scenario: { ...scenario, people }, variant: variant?.id };
}

/** The context of a fresh deal: its variant drawn, first stage open, its start events fired. */
export function initialContext(source: Scenario, options: DealOptions = {}): DealContext {
	const seed = options.seed ?? 0;
	const { scenario, variant } = drawDeal(source, seed);
	const method = resolveMethodology(scenario.methodology);
	const people: Record<string, PersonState> = {};
	for (const person of scenario.people) {
		people[person.id] = {
			known: person.known,
			points: method.attitudePoints[person.attitude],
			contact: CONTACTS.indexOf(person.contact),
			touches: 0
		};
	}
	const context: DealContext = {
		scenario,
		method,
		seed,
		...(variant === undefined ? {} : { variant }),
		rules: options.rules ?? RULES_VERSION,
		stage: 'discover-needs',
		moneyUsed: 0,
		weeksUsed: 0,
		people,
		chart: {},
		intel: {},
		decisions: {},
		forecasts: {},
		calibrated: {},
		closedStages: [],
		log: [],
		redFlags: [],
		at: 0
	};
	openStage(context, 'discover-needs');
	return context;
}

// ------------------------------------------------------------------ refusals

/** Why `action` is not allowed now, or undefined when it is. */
export function refusal(context: DealContext, action: Action): Refusal | undefined {
	if (context.outcome) return { code: 'ended', params: { outcome: context.outcome } };
	const { scenario, method } = context;
	switch (action.type) {
		case 'strategy':
			return context.strategy === action.strategy
				? { code: 'same-strategy', params: { strategy: action.strategy } }
				: undefined;
		case 'chart': {
			const problem = personProblem(context, action.person);
			if (problem) return problem;
			if (!action.role && !action.attitude && !action.level && !action.contact) {
				return { code: 'empty-chart-entry', params: { person: action.person } };
			}
			return undefined;
		}
		case 'activity': {
			if (!context.strategy) return { code: 'no-strategy', params: { activity: action.activity } };
			const seen = new Set<string>();
			for (const id of action.people) {
				const problem = personProblem(context, id);
				if (problem) return problem;
				if (seen.has(id)) return { code: 'duplicate-person', params: { person: id } };
				seen.add(id);
			}
			const cost = method.costs[action.activity];
			if (action.people.length > cost.maxPeople) {
				return {
					code: 'too-many-people',
					params: { activity: action.activity, max: cost.maxPeople }
				};
			}
			if (cost.needsTarget && action.people.length === 0) {
				return { code: 'needs-target', params: { activity: action.activity } };
			}
			const budget = scenario.resources.budget;
			if (context.moneyUsed + cost.money > budget) {
				return {
					code: 'no-money',
					params: { activity: action.activity, cost: cost.money, left: budget - context.moneyUsed }
				};
			}
			const weeks = scenario.resources.weeks;
			if (context.weeksUsed + cost.weeks > weeks) {
				return {
					code: 'no-weeks',
					params: { activity: action.activity, cost: cost.weeks, left: weeks - context.weeksUsed }
				};
			}
			return undefined;
		}
		case 'decide': {
			const found = findDecision(scenario, action.decision);
			if (!found) return { code: 'unknown-decision', params: { decision: action.decision } };
			if (found.stage !== context.stage) {
				return {
					code: 'decision-elsewhere',
					params: { decision: action.decision, stage: found.stage }
				};
			}
			if (context.decisions[action.decision]) {
				return { code: 'already-decided', params: { decision: action.decision } };
			}
			if (!isAsked(context, found.decision)) {
				return { code: 'decision-not-asked', params: { decision: action.decision } };
			}
			const option = found.decision.options.find((o) => o.id === action.option);
			if (!option) {
				return {
					code: 'unknown-option',
					params: { decision: action.decision, option: action.option }
				};
			}
			if (option.if && !holds(context, option.if)) {
				return {
					code: 'option-not-offered',
					params: { decision: action.decision, option: action.option }
				};
			}
			return undefined;
		}
		case 'forecast':
			return undefined;
		case 'advance': {
			const open = activeDecisions(context).find((decision) => !context.decisions[decision.id]);
			if (open) {
				return {
					code: 'unanswered-decision',
					params: { decision: open.id, stage: context.stage }
				};
			}
			return undefined;
		}
		case 'withdraw':
			return undefined;
	}
}

function personProblem(context: DealContext, id: string): Refusal | undefined {
	const state = context.people[id];
	if (!state) return { code: 'unknown-person', params: { person: id } };
	if (!state.known) return { code: 'hidden-person', params: { person: id } };
	return undefined;
}

// ------------------------------------------------------------------ conditions and decisions

/** A stage's decisions: the format-1 `decision`, then the format-2 `decisions`. */
export function stageDecisions(plan: StagePlan): Decision[] {
	return plan.decision ? [plan.decision, ...plan.decisions] : plan.decisions;
}

/** The decision with this id and the stage it belongs to. */
export function findDecision(
	scenario: Scenario,
	id: string
): { decision: Decision; stage: StageId } | undefined {
	for (const stage of STAGES) {
		const decision = stageDecisions(scenario.stages[stage]).find((d) => d.id === id);
		if (decision) return { decision, stage };
	}
	return undefined;
}

/**
 * Whether a condition holds in the deal as it stands:
 * `holds(context, { intel: 'budget' })` → true once the budget intel has been learned.
 */
export function holds(context: DealContext, condition: Condition): boolean {
	if ('all' in condition) return condition.all.every((c) => holds(context, c));
	if ('any' in condition) return condition.any.some((c) => holds(context, c));
	if ('not' in condition) return !holds(context, condition.not);
	if ('intel' in condition) return context.intel[condition.intel] !== undefined;
	if ('decision' in condition) {
		const made = context.decisions[condition.decision];
		return (
			made !== undefined && (condition.option === undefined || made.option === condition.option)
		);
	}
	if ('person' in condition) {
		const state = context.people[condition.person];
		if (!state) return false;
		if ('attitude' in condition) return condition.attitude.includes(attitudeOf(state.points));
		return state.contact >= CONTACTS.indexOf(condition.contact);
	}
	if ('strategy' in condition) return context.strategy === condition.strategy;
	if ('stage' in condition) return stageIndex(context.stage) >= stageIndex(condition.stage);
	return context.variant === condition.variant;
}

/** Whether the decision is asked now: answered already, or its condition holds and it has an option to offer. */
function isAsked(context: DealContext, decision: Decision): boolean {
	if (context.decisions[decision.id]) return true;
	if (decision.if && !holds(context, decision.if)) return false;
	return offeredOptions(context, decision).length > 0;
}

/** The decisions the trainee must answer (or has answered) in the current stage. */
export function activeDecisions(context: DealContext): Decision[] {
	return stageDecisions(context.scenario.stages[context.stage]).filter((decision) =>
		isAsked(context, decision)
	);
}

/** The options of a decision offered now (their conditions hold). */
export function offeredOptions(context: DealContext, decision: Decision): DecisionOption[] {
	return decision.options.filter((option) => !option.if || holds(context, option.if));
}

/** The brief of a stage as the deal stands: the first alternative whose condition holds, or the brief. */
export function stageBrief(context: DealContext, stage: StageId): string {
	const plan = context.scenario.stages[stage];
	return plan.briefs?.find((alternative) => holds(context, alternative.if))?.text ?? plan.brief;
}

// ------------------------------------------------------------------ applying an action

/**
 * The context after an allowed action. The caller checks `refusal` first; a refused action
 * must not be applied. The input context is not modified.
 */
export function applyAction(previous: DealContext, action: Action): DealContext {
	const context = copy(previous);
	applyActionInPlace(context, action);
	return context;
}

/**
 * `applyAction` on a context the caller owns and will not share: the fast path of a replay that
 * keeps no intermediate states.
 */
export function applyActionInPlace(context: DealContext, action: Action): void {
	switch (action.type) {
		case 'strategy':
			context.strategy = action.strategy;
			log(context, {
				kind: 'strategy',
				stage: context.stage,
				at: context.at,
				strategy: action.strategy
			});
			break;
		case 'chart':
			chart(context, action);
			break;
		case 'activity':
			activity(context, action.activity, action.people);
			break;
		case 'decide':
			decide(context, action.decision, action.option);
			break;
		case 'forecast':
			context.forecasts[context.stage] = action.probability;
			if (context.rules >= 2) context.calibrated[context.stage] = calibratedForecast(context);
			log(context, {
				kind: 'forecast',
				stage: context.stage,
				at: context.at,
				probability: action.probability
			});
			break;
		case 'advance':
			closeStage(context);
			break;
		case 'withdraw':
			withdraw(context);
			break;
	}
	context.at += 1;
}

/** A copy deep enough that applying an action never touches the previous context. */
export function copy(context: DealContext): DealContext {
	const people: Record<string, PersonState> = {};
	for (const [id, state] of Object.entries(context.people)) people[id] = { ...state };
	const chart: Record<string, ChartEntry> = {};
	for (const [id, entry] of Object.entries(context.chart)) chart[id] = { ...entry };
	return {
		...context,
		people,
		chart,
		intel: { ...context.intel },
		decisions: { ...context.decisions },
		forecasts: { ...context.forecasts },
		calibrated: { ...context.calibrated },
		closedStages: [...context.closedStages],
		log: [...context.log],
		redFlags: [...context.redFlags]
	};
}

function log(context: DealContext, entry: LogEntry): void {
	context.log.push(entry);
}

function raise(context: DealContext, flag: Omit<RedFlag, 'stage' | 'at'>): void {
	// Once per stage for the same code and parameters; the cheap comparisons first.
	const params = JSON.stringify(flag.params);
	if (
		context.redFlags.some(
			(f) =>
				f.stage === context.stage && f.code === flag.code && JSON.stringify(f.params) === params
		)
	) {
		return;
	}
	const full: RedFlag = { ...flag, stage: context.stage, at: context.at };
	context.redFlags.push(full);
	log(context, { kind: 'red-flag', stage: context.stage, at: context.at, flag: full });
}

function personOf(scenario: Scenario, id: string): Person {
	return scenario.people.find((person) => person.id === id)!;
}

// ------------------------------------------------------------------ chart

function chart(context: DealContext, action: Extract<Action, { type: 'chart' }>): void {
	const entry = { ...(context.chart[action.person] ?? {}) };
	if (action.role && action.role !== entry.role) {
		entry.role = action.role;
		entry.roleStage = context.stage;
	}
	if (action.attitude) entry.attitude = action.attitude;
	if (action.level) entry.level = action.level;
	if (action.contact) entry.contact = action.contact;
	context.chart[action.person] = entry;
	log(context, { kind: 'chart', stage: context.stage, at: context.at, person: action.person });
	checkContradiction(context, action.person);
}

/** A chart attitude that goes against the last change the trainee saw in that person. */
function checkContradiction(context: DealContext, id: string): void {
	const seen = context.people[id].lastSeen;
	const entered = context.chart[id]?.attitude;
	if (!seen || !entered) return;
	if ((seen < 0 && entered === 'supporter') || (seen > 0 && entered === 'opponent')) {
		raise(context, {
			code: 'chart-contradiction',
			params: { person: id, attitude: entered, seen: seen > 0 ? 'warmer' : 'cooler' },
			section: 'chart'
		});
	}
}

// ------------------------------------------------------------------ activities

/**
 * The attitude points one activity gives one person (the documented formula of
 * methodology.ts): fit for the stage, key role, level, the person's own response, the strategy,
 * then gifts that are a compliance risk override it all.
 */
export function activityEffect(
	context: DealContext,
	activity: ActivityId,
	person: Person
): { effect: number; fit: Fit; risk: boolean } {
	const { method, scenario, stage } = context;
	const fit = method.fit[activity][stage];
	if (isRiskyGift(context, activity, person))
		return { effect: method.giftRiskEffect, fit, risk: true };
	let effect = method.fitEffect[fit];
	if (fit !== 'poor' && isKeyPerson(method, stage, person)) effect += method.keyRoleBonus;
	effect += method.levelResponse[person.level][activity] ?? 0;
	effect += person.responds?.[activity] ?? 0;
	if (effect > 0 && context.rules >= 2) {
		// Closeness: a call or a gift from a stranger changes little.
		const needed = method.contactNeeded[activity];
		const contact = context.people[person.id]?.contact ?? 0;
		if (needed) {
			const short = Math.max(0, CONTACTS.indexOf(needed) - contact);
			effect = Math.max(0, effect - short * method.contactShortfallLoss);
		}
		// The chart: you sell to the buying role you have worked out.
		if (context.chart[person.id]?.role !== person.role) {
			effect = Math.max(0, effect - method.unchartedLoss);
		}
	}
	if (effect > 0) {
		if (person.influence >= method.hardToMoveInfluence) effect = Math.max(1, effect - 1);
		// The strategy can make a fitting activity worthless, never turn it against us.
		if (context.strategy) {
			const group = customerGroup(scenario.customer.ourShare, method.groupThresholds);
			let strategy = method.strategyResponse[context.strategy][group];
			if (context.strategy === 'hunting' && scenario.deal.ourPosition !== 'ahead') {
				strategy += method.huntingWithoutEdge;
			}
			effect = Math.max(0, effect + strategy);
		}
	}
	return { effect, fit, risk: false };
}

/** Whether the person holds a key role for the stage (or sits in a key department for it). */
export function isKeyPerson(method: Methodology, stage: StageId, person: Person): boolean {
	return (
		method.keyRoles[stage].includes(person.role) ||
		method.keyDepartments[stage].includes(person.department)
	);
}

/**
 * The coach's warning before a gift: the people for whom it would be a compliance risk (finance
 * or procurement, or a costly gift whoever receives it). `giftWarning(c, 'gift', ['cfo'])` →
 * `[{ person: 'cfo', reason: 'department' }]`; empty for any other activity.
 */
export function giftWarning(
	context: DealContext,
	activity: ActivityId,
	people: readonly string[]
): { person: string; reason: 'department' | 'costly' }[] {
	if (activity !== 'gift') return [];
	const { method, scenario } = context;
	const costly = method.costs.gift.money > method.giftModestShare * scenario.deal.value;
	const out: { person: string; reason: 'department' | 'costly' }[] = [];
	for (const id of people) {
		const person = scenario.people.find((p) => p.id === id);
		if (!person) continue;
		if (method.giftRiskDepartments.includes(person.department))
			out.push({ person: id, reason: 'department' });
		else if (costly) out.push({ person: id, reason: 'costly' });
	}
	return out;
}

function isRiskyGift(context: DealContext, activity: ActivityId, person: Person): boolean {
	if (activity !== 'gift') return false;
	const { method, scenario } = context;
	return (
		method.giftRiskDepartments.includes(person.department) ||
		method.costs.gift.money > method.giftModestShare * scenario.deal.value
	);
}

function activity(context: DealContext, type: ActivityId, ids: string[]): void {
	const { method, scenario, stage } = context;
	const cost = method.costs[type];
	context.plannedStrategy ??= context.strategy;
	context.moneyUsed += cost.money;
	context.weeksUsed += cost.weeks;
	const reactions: Reaction[] = [];
	for (const id of ids) {
		const person = personOf(scenario, id);
		const state = context.people[id];
		const { effect, risk } = activityEffect(context, type, person);
		state.points = clamp(state.points + effect, -method.maxPoints, method.maxPoints);
		state.contact = Math.min(CONTACTS.length - 1, state.contact + method.contactGain[type]);
		state.touches += 1;
		if (effect !== 0) state.lastSeen = effect > 0 ? 1 : -1;
		reactions.push({
			person: id,
			effect,
			contact: CONTACTS[state.contact],
			...(risk ? { risk } : {})
		});
	}
	log(context, {
		kind: 'activity',
		stage,
		at: context.at,
		activity: type,
		people: [...ids],
		money: cost.money,
		weeks: cost.weeks,
		fit: method.fit[type][stage],
		reactions
	});
	for (const reaction of reactions) {
		if (reaction.risk) {
			raise(context, {
				code: 'compliance-risk',
				params: { person: reaction.person },
				section: 'defaults'
			});
		}
	}
	revealIntel(context, type, ids);
	checkResources(context);
}

function revealIntel(context: DealContext, type: ActivityId, ids: string[]): void {
	const { scenario, method, stage } = context;
	const open = !method.costs[type].needsTarget && ids.length === 0;
	const willing = ids.filter((id) => attitudeOf(context.people[id].points) !== 'opponent');
	for (const item of scenario.intel) {
		if (context.intel[item.id]) continue;
		if (stageIndex(stage) < stageIndex(item.stage) || !item.by.includes(type)) continue;
		if (!open && !item.from.some((id) => willing.includes(id))) continue;
		context.intel[item.id] = { stage, at: context.at };
		log(context, { kind: 'intel', stage, at: context.at, intel: item.id, text: item.text });
		if (item.reveals && !context.people[item.reveals].known) {
			context.people[item.reveals].known = true;
			context.people[item.reveals].revealedIn = stage;
			log(context, { kind: 'revealed', stage, at: context.at, person: item.reveals });
		}
	}
}

function checkResources(context: DealContext): void {
	const { scenario, method } = context;
	// Stages still to play before the purchase is decided.
	const left = stageIndex('commitment') - stageIndex(context.stage);
	if (left < 2) return;
	const money = 1 - context.moneyUsed / Math.max(1, scenario.resources.budget);
	const weeks = 1 - context.weeksUsed / scenario.resources.weeks;
	if (money < method.resourcesLowShare || weeks < method.resourcesLowShare) {
		raise(context, {
			code: 'resources-low',
			params: {
				money: Math.max(0, scenario.resources.budget - context.moneyUsed),
				weeks: Math.max(0, scenario.resources.weeks - context.weeksUsed)
			},
			section: 'numbers'
		});
	}
}

// ------------------------------------------------------------------ decisions and effects

function decide(context: DealContext, decisionId: string, optionId: string): void {
	const { decision } = findDecision(context.scenario, decisionId)!;
	const option = decision.options.find((o) => o.id === optionId)!;
	context.decisions[decisionId] = { option: optionId, stage: context.stage };
	log(context, {
		kind: 'decision',
		stage: context.stage,
		at: context.at,
		decision: decisionId,
		option: optionId
	});
	applyEffects(context, option.effects);
	if (option.ends === 'withdrawn') withdraw(context, option);
	else if (option.ends) {
		if (option.ends === 'lost') context.purchase = decidePurchase(context);
		end(context, option.ends);
	}
}

/**
 * The trainee leaves the deal (by the withdraw action or an option that ends it so). Whether that
 * was wise is judged now, on what the deal looks like at this moment: a format-2 scenario marks
 * it in `withdrawals`; a format-1 scenario through an option that withdraws with credit, while the
 * deal was heading for a loss.
 */
function withdraw(context: DealContext, option?: DecisionOption): void {
	context.purchase = decidePurchase(context);
	context.withdrawal = judgeWithdrawal(context, option);
	end(context, 'withdrawn');
}

function judgeWithdrawal(context: DealContext, option?: DecisionOption): WithdrawalVerdict {
	const { scenario } = context;
	const at = stageIndex(context.stage);
	const entry = scenario.withdrawals.findIndex(
		(w) => stageIndex(w.stage) <= at && (!w.if || holds(context, w.if))
	);
	if (entry >= 0) return { wise: true, credit: scenario.withdrawals[entry].credit, entry };
	// Format 1: an option that withdraws with credit, in a stage reached, endorses withdrawing
	// from then on when the deal is heading for a loss.
	const endorsed = Math.max(
		0,
		option?.score ?? 0,
		...STAGES.slice(0, at + 1).flatMap((stage) =>
			stageDecisions(scenario.stages[stage]).flatMap((d) =>
				d.options.filter((o) => o.ends === 'withdrawn').map((o) => o.score)
			)
		)
	);
	const heading = context.purchase !== undefined && !context.purchase.won;
	// A format-2 file says where withdrawing is wise in `withdrawals` and nowhere else.
	return endorsed > 0 && heading && scenario.format === SCENARIO_FORMAT_1
		? { wise: true, credit: endorsed }
		: { wise: false, credit: 0 };
}

function applyEffects(context: DealContext, effects: { person: string; attitude: number }[]): void {
	const { method } = context;
	for (const { person, attitude } of effects) {
		const state = context.people[person];
		if (!state || attitude === 0) continue;
		state.points = clamp(
			state.points + attitude * method.attitudeStep,
			-method.maxPoints,
			method.maxPoints
		);
		if (state.known) state.lastSeen = attitude > 0 ? 1 : -1;
	}
}

// ------------------------------------------------------------------ stages

/** Open a stage: log it and fire its start events. */
function openStage(context: DealContext, stage: StageId): void {
	context.stage = stage;
	log(context, { kind: 'stage-opened', stage, at: context.at });
	fireEvents(context, 'start');
}

function fireEvents(context: DealContext, when: 'start' | 'end'): void {
	const { stage } = context;
	const events = context.scenario.stages[stage].events;
	for (let index = 0; index < events.length && !context.outcome; index++) {
		const event = events[index];
		if (event.when !== when) continue;
		// A conditional event that does not apply did not happen: nothing is logged.
		if (event.if && !holds(context, event.if)) continue;
		const skipped = headedOff(context, event);
		log(context, {
			kind: 'event',
			stage,
			at: context.at,
			index,
			text: event.text,
			skipped,
			...(skipped && event.headedOff ? { note: event.headedOff } : {}),
			...(event.ends && !skipped ? { ends: event.ends } : {})
		});
		if (skipped) continue;
		applyEffects(context, event.effects);
		if (event.ends) {
			context.purchase = decidePurchase(context);
			end(context, event.ends);
		}
	}
}

/** Whether the trainee headed the event off: by its format-1 key (`unless`) or by method (`defence`). */
function headedOff(context: DealContext, event: StageEvent): boolean {
	if (event.unless) return didInStage(context, event.unless.activity, event.unless.person);
	if (!event.defence) return false;
	const defences = Array.isArray(event.defence) ? event.defence : [event.defence];
	return defences.some((defence) => defended(context, defence));
}

/**
 * A defence by method: in this stage, an activity of at least the fit named (never a gift) with
 * someone who holds the role (in the deal as drawn) or is the person named.
 */
function defended(context: DealContext, defence: Defence): boolean {
	const { scenario } = context;
	const anyone = defence.person === undefined && defence.role === undefined;
	const matches = (id: string) => {
		if (defence.person !== undefined && id !== defence.person) return false;
		if (defence.role === undefined) return true;
		return scenario.people.find((p) => p.id === id)?.role === defence.role;
	};
	return context.log.some(
		(entry) =>
			entry.kind === 'activity' &&
			entry.stage === context.stage &&
			entry.activity !== 'gift' &&
			fitAtLeast(entry.fit, defence.fit) &&
			(defence.activities === undefined || defence.activities.includes(entry.activity)) &&
			// A defence that names nobody is met by the activity itself (a trade show reaches no one by name).
			(anyone || entry.people.some(matches))
	);
}

function didInStage(context: DealContext, type: ActivityId, person?: string): boolean {
	return context.log.some(
		(entry) =>
			entry.kind === 'activity' &&
			entry.stage === context.stage &&
			entry.activity === type &&
			(person === undefined || entry.people.includes(person))
	);
}

/** Close the current stage: end events, the coach's checks, then the next stage or the end. */
function closeStage(context: DealContext): void {
	fireEvents(context, 'end');
	// An event may have ended the deal (a specification lock-in, say).
	if (context.outcome) return;
	stageFlags(context);
	context.closedStages.push(context.stage);
	if (context.stage === 'commitment') {
		const purchase = decidePurchase(context);
		context.purchase = purchase;
		log(context, {
			kind: 'purchase',
			stage: context.stage,
			at: context.at,
			outcome: purchase.won ? 'won' : 'lost',
			support: round(purchase.support, 3)
		});
		if (purchase.won) openStage(context, 'implementation');
		else end(context, 'lost');
		return;
	}
	const next = nextStage(context.stage);
	if (next) openStage(context, next);
	else end(context, 'won');
}

function end(context: DealContext, outcome: OutcomeId): void {
	context.outcome = outcome;
	log(context, { kind: 'ended', stage: context.stage, at: context.at, outcome });
}

/**
 * The engine's calibrated win probability now (rules 2): the funnel rate of the stage reached,
 * moved by the deal's evidence — the projected purchase support against its threshold, and whether
 * the decision maker has been met once internal deliberation is open. 1 or 0 once decided.
 * The debrief shows it beside each forecast; a forecast is judged by its distance from it.
 */
export function calibratedForecast(context: DealContext): number {
	if (context.outcome) return context.outcome === 'won' ? 1 : 0;
	if (context.closedStages.includes('commitment')) return 1;
	const { method, scenario } = context;
	const base = method.funnel[context.stage];
	if (base >= 1) return 1;
	if (base <= 0) return 0;
	if (lossIsCertain(context)) return 0;
	const projection = decidePurchase(context);
	let evidence = (projection.support - method.purchase.threshold) / method.forecastSpread;
	if (projection.opponentDecisionMaker) evidence = Math.min(evidence, 0) - 0.5;
	if (stageIndex(context.stage) >= stageIndex('internal-deliberation')) {
		const met = scenario.people.some(
			(p) => p.role === 'decision-maker' && context.people[p.id].touches > 0
		);
		if (!met) evidence -= method.forecastNoDecisionMaker;
	}
	// Early on the evidence says little (the course: early stages are uncertain, stay near the
	// funnel's rate); by purchase commitment it says most.
	const weight = stageIndex(context.stage) / stageIndex('commitment');
	evidence = clamp(evidence, -1, 1) * weight;
	const logit = Math.log(base / (1 - base)) + method.forecastEvidence * evidence;
	return round(1 / (1 + Math.exp(-logit)), 3);
}

/**
 * Whether an event still to come will end the deal whatever the trainee does: it ends it, nothing
 * can head it off, and its condition already holds (say, the variant of a competitor's lock-in).
 */
function lossIsCertain(context: DealContext): boolean {
	const from = stageIndex(context.stage);
	return STAGES.slice(from).some((stage) =>
		context.scenario.stages[stage].events.some(
			(event) =>
				event.ends === 'lost' &&
				!event.defence &&
				!event.unless &&
				(!event.if || holds(context, event.if)) &&
				// An end event of this stage or any event of a later one has not fired yet.
				(stage !== context.stage || event.when === 'end')
		)
	);
}

// ------------------------------------------------------------------ the coach's checks

function stageFlags(context: DealContext): void {
	const { scenario, stage, method } = context;
	if (stage === 'internal-deliberation') {
		const untouched = scenario.people.filter(
			(p) => p.role === 'decision-maker' && context.people[p.id].touches === 0
		);
		if (untouched.length > 0) {
			raise(context, {
				code: 'dm-not-contacted',
				params: { people: untouched.map((p) => p.id).join(',') },
				section: 'stages'
			});
		}
		const missing = DELIBERATION_INTEL.filter(
			(kind) =>
				scenario.intel.some((item) => item.kind === kind) &&
				!scenario.intel.some((item) => item.kind === kind && context.intel[item.id])
		);
		if (missing.length > 0) {
			raise(context, {
				code: 'deliberation-intel-missing',
				params: { kinds: missing.join(',') },
				section: 'stages'
			});
		}
	}
	if (stage === 'system-design') {
		const shapers = scenario.people.filter((p) => p.role === 'designer' || p.role === 'evaluator');
		if (
			shapers.length > 0 &&
			!shapers.some((p) => attitudeOf(context.people[p.id].points) === 'supporter')
		) {
			raise(context, { code: 'no-designer-supporter', params: {}, section: 'roles' });
		}
	}
	for (const person of scenario.people) {
		const state = context.people[person.id];
		if (
			state.known &&
			person.influence >= method.highInfluence &&
			attitudeOf(state.points) === 'opponent' &&
			!touchedInStage(context, person.id)
		) {
			raise(context, {
				code: 'opponent-left-alone',
				params: { person: person.id },
				section: 'chart'
			});
		}
	}
}

function touchedInStage(context: DealContext, id: string): boolean {
	return context.log.some(
		(entry) =>
			entry.kind === 'activity' && entry.stage === context.stage && entry.people.includes(id)
	);
}

// ------------------------------------------------------------------ the purchase decision

/** The purchase decision on the context as it is (formula in methodology.ts, `PurchaseRule`). */
export function decidePurchase(context: DealContext): PurchaseResult {
	const { scenario, method } = context;
	const rule = method.purchase;
	let weighted = 0;
	let total = 0;
	let dmWeighted = 0;
	let dmTotal = 0;
	let opponentDecisionMaker = false;
	for (const person of scenario.people) {
		const attitude: AttitudeId = attitudeOf(context.people[person.id].points);
		const value = rule.attitudeValue[attitude];
		const weight = person.influence * rule.roleWeight[person.role];
		weighted += weight * value;
		total += weight;
		if (person.role === 'decision-maker') {
			dmWeighted += person.influence * value;
			dmTotal += person.influence;
			if (attitude === 'opponent') opponentDecisionMaker = true;
		}
	}
	const kinds = DELIBERATION_INTEL.filter((kind) =>
		scenario.intel.some((item) => item.kind === kind)
	);
	const learned = kinds.filter((kind) =>
		scenario.intel.some((item) => item.kind === kind && context.intel[item.id])
	);
	const keyIntel = kinds.length === 0 ? 1 : learned.length / kinds.length;
	const support =
		weighted / total + rule.intelBonus * keyIntel + rule.positionBonus[scenario.deal.ourPosition];
	const decisionMakers = dmTotal === 0 ? 0 : dmWeighted / dmTotal;
	const won = !opponentDecisionMaker && decisionMakers >= 0 && support >= rule.threshold;
	return { won, support, decisionMakers, keyIntel, opponentDecisionMaker };
}

// ------------------------------------------------------------------ helpers

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

export function round(value: number, digits: number): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** The trainee-visible attitude of a person is hidden; this is the truth, for the debrief. */
export function trueAttitude(context: DealContext, id: string): AttitudeId {
	return attitudeOf(context.people[id].points);
}
