/**
 * The rules of a deal as pure functions of (context, action) → context. The deal machine
 * (deal-machine.ts) wires them to the six stages; replay, scoring and the play page all run
 * through them, so a trainee's click, a replay on the command line and a scoreboard's
 * verification give the same result. No randomness, no clock.
 */
import {
	CONTACTS,
	DELIBERATION_INTEL,
	attitudeOf,
	customerGroup,
	nextStage,
	stageIndex,
	type ActivityId,
	type AttitudeId,
	type Fit,
	type Methodology,
	type OutcomeId,
	type StageId,
	type StrategyId
} from '../methodology';
import type { Action, Person, Scenario } from '../scenario/schema';
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

export interface DealContext {
	scenario: Scenario;
	method: Methodology;
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
	closedStages: StageId[];
	log: LogEntry[];
	redFlags: RedFlag[];
	/** The purchase decision, once the commitment stage has closed; or its projection at a withdrawal. */
	purchase?: PurchaseResult;
	/** Number of accepted actions so far. */
	at: number;
}

// ------------------------------------------------------------------ start

/** The context of a fresh deal: first stage open, its start events fired. */
export function initialContext(scenario: Scenario): DealContext {
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
		stage: 'discover-needs',
		moneyUsed: 0,
		weeksUsed: 0,
		people,
		chart: {},
		intel: {},
		decisions: {},
		forecasts: {},
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
			if (!action.role && !action.attitude && !action.level) {
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
			const owner = stageOfDecision(scenario, action.decision);
			if (!owner) return { code: 'unknown-decision', params: { decision: action.decision } };
			if (owner !== context.stage) {
				return { code: 'decision-elsewhere', params: { decision: action.decision, stage: owner } };
			}
			if (context.decisions[action.decision]) {
				return { code: 'already-decided', params: { decision: action.decision } };
			}
			const decision = scenario.stages[owner].decision!;
			if (!decision.options.some((option) => option.id === action.option)) {
				return {
					code: 'unknown-option',
					params: { decision: action.decision, option: action.option }
				};
			}
			return undefined;
		}
		case 'forecast':
			return undefined;
		case 'advance': {
			const decision = scenario.stages[context.stage].decision;
			if (decision && !context.decisions[decision.id]) {
				return {
					code: 'unanswered-decision',
					params: { decision: decision.id, stage: context.stage }
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

function stageOfDecision(scenario: Scenario, id: string): StageId | undefined {
	for (const [stage, plan] of Object.entries(scenario.stages)) {
		if (plan.decision?.id === id) return stage as StageId;
	}
	return undefined;
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
			context.purchase = decidePurchase(context);
			end(context, 'withdrawn');
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
		closedStages: [...context.closedStages],
		log: [...context.log],
		redFlags: [...context.redFlags]
	};
}

function log(context: DealContext, entry: LogEntry): void {
	context.log.push(entry);
}

function raise(context: DealContext, flag: Omit<RedFlag, 'stage' | 'at'>): void {
	const key = JSON.stringify([flag.code, flag.params]);
	if (
		context.redFlags.some(
			(f) => JSON.stringify([f.code, f.params]) === key && f.stage === context.stage
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
	const decision = context.scenario.stages[context.stage].decision!;
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
	if (option.ends) {
		if (option.ends === 'withdrawn' || option.ends === 'lost')
			context.purchase = decidePurchase(context);
		end(context, option.ends);
	}
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
	for (const event of context.scenario.stages[stage].events) {
		if (event.when !== when) continue;
		const skipped = event.unless
			? didInStage(context, event.unless.activity, event.unless.person)
			: false;
		log(context, { kind: 'event', stage, at: context.at, text: event.text, skipped });
		if (!skipped) applyEffects(context, event.effects);
	}
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

/** Whether advancing now would win the purchase: for the machine's guard at commitment. */
export function wouldWinOnAdvance(context: DealContext): boolean {
	if (context.stage !== 'commitment') return false;
	const trial = copy(context);
	fireEvents(trial, 'end');
	return decidePurchase(trial).won;
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
