/**
 * The rules of a scenario that need the whole file: unique ids, references that point at
 * something, a decision maker, hidden people who can be revealed, weights that add up, intel
 * that someone can reveal; and, in their own section below (`formatTwoRules`), the rules of what
 * format 2 adds: conditions, several decisions, defences, variants, bands, wise withdrawals.
 *
 * They read the file's value as written, defensively, so that they run even when the schema
 * refused something else: a trainer sees every problem in one pass, not one layer at a time.
 */
import {
	ACTIVITIES,
	ATTITUDES,
	DEFAULT_METHODOLOGY,
	DELIBERATION_INTEL,
	STAGES,
	type AttitudeId,
	type StageId
} from '../methodology';
import { SuggestionBudget } from './did-you-mean';
import { pathToText, type JsonPath, type ProblemDraft, type ProblemParams } from './problem';
import { quote } from './safe-json';
import { MAX_ACTIONS } from './schema';

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Json)
		: undefined;
}
function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}
function entries(value: unknown): [Json, number][] {
	return list(value).flatMap((item, index): [Json, number][] => {
		const found = object(item);
		return found ? [[found, index]] : [];
	});
}
function startsWith(path: JsonPath, prefix: JsonPath): boolean {
	return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** How many ids a message lists before it stops. */
const LIST_LIMIT = 12;

function idList(ids: readonly string[]): string {
	const shown = ids.slice(0, LIST_LIMIT).map((id) => JSON.stringify(id));
	return ids.length > LIST_LIMIT ? `${shown.join(', ')}, …` : shown.join(', ');
}

class Drafts {
	readonly items: ProblemDraft[] = [];
	readonly #suggestions = new SuggestionBudget();
	// One de-duplicated copy of each id list that references are checked against.
	readonly #unique = new WeakMap<readonly string[], string[]>();
	error(code: string, path: JsonPath, params: ProblemParams = {}) {
		this.items.push({ severity: 'error', code, path, params });
	}
	warning(code: string, path: JsonPath, params: ProblemParams = {}) {
		this.items.push({ severity: 'warning', code, path, params });
	}
	/** A reference to a missing id, with the nearest existing one. */
	missing(code: string, path: JsonPath, id: string, known: readonly string[], extra = {}) {
		let ids = this.#unique.get(known);
		if (!ids) {
			ids = [...new Set(known)];
			this.#unique.set(known, ids);
		}
		const params: ProblemParams = { id: quote(id), allowed: idList(ids), ...extra };
		const suggestion = this.#suggestions.suggest(id, ids);
		if (suggestion) params.suggestion = suggestion;
		this.error(code, path, params);
	}
	/** Duplicate ids in a list of [id, path] pairs. */
	unique(items: [string, JsonPath][]) {
		const first = new Map<string, JsonPath>();
		for (const [id, path] of items) {
			const earlier = first.get(id);
			if (earlier) this.error('duplicate-id', path, { id: quote(id), first: pathToText(earlier) });
			else first.set(id, path);
		}
	}
	/** The same value twice in a small list (from, by, people...). */
	repeated(values: unknown, path: JsonPath) {
		const seen = new Set<string>();
		list(values).forEach((value, index) => {
			if (typeof value !== 'string') return;
			if (seen.has(value))
				this.warning('duplicate-entry', [...path, index], { value: quote(value) });
			seen.add(value);
		});
	}
}

interface DecisionInfo {
	id: string;
	options: string[];
}

/**
 * A stage's decisions as written, with their paths: the format-1 `decision`, then the format-2
 * `decisions` (the order the engine asks them in).
 */
function planDecisions(stage: string, plan: Json): [Json, JsonPath][] {
	const found: [Json, JsonPath][] = [];
	const single = object(plan.decision);
	if (single) found.push([single, ['stages', stage, 'decision']]);
	for (const [decision, i] of entries(plan.decisions)) {
		found.push([decision, ['stages', stage, 'decisions', i]]);
	}
	return found;
}

/**
 * Problems of a scenario's value as a whole. `schemaProblems` are the schema's findings, so that
 * a rule stays quiet about what they already said (a misspelt role is not also "no decision
 * maker").
 */
export function scenarioRules(
	value: unknown,
	schemaProblems: readonly ProblemDraft[] = []
): ProblemDraft[] {
	const out = new Drafts();
	const root = object(value);
	if (!root) return out.items;
	// A list far over its limit is garbage, not a draft: say so, and spend nothing on the rest.
	if (oversizedLists(root, out)) return out.items;
	const schemaFlagged = (test: (path: JsonPath, code: string) => boolean) =>
		schemaProblems.some((problem) => test(problem.path, problem.code));
	// A wrong or misspelt field (any unknown field may be the misspelt one) in the items of a list.
	const fieldFlagged = (list: string, field: string) =>
		schemaFlagged(
			(path, code) =>
				path[0] === list && path.length === 3 && (path[2] === field || code === 'unknown-key')
		);

	// ------------------------------------------------------------------ people
	const people = entries(root.people);
	const personIds = people.flatMap(([person]) => (text(person.id) ? [person.id as string] : []));
	const personSet = new Set(personIds);
	out.unique(
		people.flatMap(([person, i]): [string, JsonPath][] =>
			text(person.id) ? [[person.id as string, ['people', i, 'id']]] : []
		)
	);
	const checkPerson = (id: unknown, path: JsonPath) => {
		if (typeof id === 'string' && !personSet.has(id)) {
			out.missing('unknown-person', path, id, personIds);
		}
	};

	if (
		people.length > 0 &&
		!people.some(([person]) => person.role === 'decision-maker') &&
		!fieldFlagged('people', 'role')
	) {
		out.error('no-decision-maker', ['people']);
	}

	// ------------------------------------------------------------------ intel
	const intel = entries(root.intel);
	out.unique(
		intel.flatMap(([item, i]): [string, JsonPath][] =>
			text(item.id) ? [[item.id as string, ['intel', i, 'id']]] : []
		)
	);
	const hidden = new Set(
		people.filter(([person]) => person.known === false).map(([person]) => person.id)
	);
	for (const [item, i] of intel) {
		list(item.from).forEach((id, j) => checkPerson(id, ['intel', i, 'from', j]));
		out.repeated(item.from, ['intel', i, 'from']);
		out.repeated(item.by, ['intel', i, 'by']);
		const reveals = text(item.reveals);
		if (reveals !== undefined) {
			checkPerson(reveals, ['intel', i, 'reveals']);
			if (personSet.has(reveals) && !hidden.has(reveals)) {
				out.error('reveals-known-person', ['intel', i, 'reveals'], { id: quote(reveals) });
			}
		}
	}
	const revealed = new Set(intel.map(([item]) => item.reveals));
	for (const [person, i] of people) {
		const id = text(person.id);
		if (person.known !== false || id === undefined) continue;
		if (!revealed.has(id)) {
			out.error('hidden-never-revealed', ['people', i, 'known'], { id: quote(id) });
		}
	}
	const available = reachability(people, intel, lastPlayableStage(object(root.stages)), out);
	hiddenDecisionMakers(people, revealed, available, out);
	endingRules(root, out);

	const kinds = new Set(intel.map(([item]) => item.kind));
	const kindsFlagged = fieldFlagged('intel', 'kind');
	if (!kindsFlagged && Array.isArray(root.intel)) {
		for (const kind of DELIBERATION_INTEL) {
			if (!kinds.has(kind)) out.warning('deliberation-intel-missing', ['intel'], { kind });
		}
	}

	// ------------------------------------------------------------------ deal and strategy
	const competitors = entries(object(root.deal)?.competitors);
	out.unique(
		competitors.flatMap(([competitor, i]): [string, JsonPath][] =>
			text(competitor.id) ? [[competitor.id as string, ['deal', 'competitors', i, 'id']]] : []
		)
	);
	const strategy = object(root.strategy);
	if (strategy) {
		out.repeated(strategy.acceptable, ['strategy', 'acceptable']);
		list(strategy.acceptable).forEach((choice, i) => {
			if (choice === strategy.best) {
				out.warning('acceptable-includes-best', ['strategy', 'acceptable', i], {
					strategy: quote(String(choice))
				});
			}
		});
	}
	out.repeated(root.tags, ['tags']);

	// ------------------------------------------------------------------ stages
	const stages = object(root.stages) ?? {};
	const decisions: DecisionInfo[] = [];
	const decisionIds: [string, JsonPath][] = [];
	const effects = (value: unknown, path: JsonPath) => {
		for (const [effect, k] of entries(value)) {
			checkPerson(effect.person, [...path, k, 'person']);
			if (effect.attitude === 0) out.warning('effect-none', [...path, k, 'attitude']);
		}
	};
	for (const stage of Object.keys(stages)) {
		const plan = object(stages[stage]);
		if (!plan) continue;
		for (const [event, k] of entries(plan.events)) {
			checkPerson(object(event.unless)?.person, ['stages', stage, 'events', k, 'unless', 'person']);
			effects(event.effects, ['stages', stage, 'events', k, 'effects']);
		}
		for (const [decision, base] of planDecisions(stage, plan)) {
			const options = entries(decision.options);
			const optionIds = options.flatMap(([option]) =>
				text(option.id) ? [option.id as string] : []
			);
			if (text(decision.id)) {
				decisionIds.push([decision.id as string, [...base, 'id']]);
				decisions.push({ id: decision.id as string, options: optionIds });
			}
			out.unique(
				options.flatMap(([option, j]): [string, JsonPath][] =>
					text(option.id) ? [[option.id as string, [...base, 'options', j, 'id']]] : []
				)
			);
			for (const [option, j] of options)
				effects(option.effects, [...base, 'options', j, 'effects']);
			const scores = options
				.map(([option]) => option.score)
				.filter((s): s is number => typeof s === 'number');
			// A loop, not Math.max(...scores): a spread of a huge list overflows the stack.
			const best = scores.reduce((top, score) => Math.max(top, score), -Infinity);
			if (scores.length === options.length && scores.length > 0 && best < 1) {
				out.warning('decision-no-full-credit', [...base, 'options'], { best });
			}
		}
	}
	out.unique(decisionIds);

	// ------------------------------------------------------------------ scoring
	const weights = object(object(root.scoring)?.weights);
	if (weights && !schemaFlagged((path) => startsWith(path, ['scoring']))) {
		const values = Object.values(weights);
		if (values.every((weight) => typeof weight === 'number')) {
			const sum = (values as number[]).reduce((total, weight) => total + weight, 0);
			if (Math.abs(sum - 100) > 1e-9) {
				out.error('weights-sum', ['scoring', 'weights'], { sum: Number(sum.toFixed(6)) });
			}
		}
	}
	const methodology = object(root.methodology);
	for (const [stage, roles] of Object.entries(object(methodology?.keyRoles) ?? {})) {
		out.repeated(roles, ['methodology', 'keyRoles', stage]);
	}

	// ------------------------------------------------------------------ the trainer's checks
	for (const [check, c] of entries(root.checks)) {
		const expect = object(check.expect);
		if (
			expect &&
			typeof expect.minScore === 'number' &&
			typeof expect.maxScore === 'number' &&
			expect.minScore > expect.maxScore
		) {
			out.error('check-score-range', ['checks', c, 'expect'], {
				min: expect.minScore,
				max: expect.maxScore
			});
		}
		for (const [action, a] of entries(check.actions)) {
			const path: JsonPath = ['checks', c, 'actions', a];
			if (action.type === 'chart') checkPerson(action.person, [...path, 'person']);
			if (action.type === 'activity') {
				list(action.people).forEach((id, p) => checkPerson(id, [...path, 'people', p]));
				out.repeated(action.people, [...path, 'people']);
			}
			if (action.type === 'decide' && typeof action.decision === 'string') {
				const decision = decisions.find((candidate) => candidate.id === action.decision);
				if (!decision) {
					out.missing(
						'unknown-decision',
						[...path, 'decision'],
						action.decision,
						decisions.map((d) => d.id)
					);
				} else if (typeof action.option === 'string' && !decision.options.includes(action.option)) {
					out.missing('unknown-option', [...path, 'option'], action.option, decision.options, {
						decision: quote(decision.id)
					});
				}
			}
		}
	}
	formatTwoRules(root, personIds, out);
	return out.items;
}

/**
 * When each intel item and each hidden person can first be reached, as stage indices. An item
 * can be learned from its own stage once someone in `from` is on the chart; a hidden person is on
 * the chart once an item that reveals them is learned. Iterated to a fixed point, since a
 * revealed person may reveal the next.
 */
/**
 * The last stage any trainee can play: the first one with an unconditional decision that ends
 * the deal whatever the trainee chooses, or implementation.
 */
function lastPlayableStage(stages: Json | undefined): number {
	const last = STAGES.findIndex((stage) =>
		planDecisions(stage, object(stages?.[stage]) ?? {}).some(([decision]) => {
			const options = entries(decision.options);
			return (
				decision.if === undefined &&
				options.length > 0 &&
				options.every(([option]) => typeof option.ends === 'string')
			);
		})
	);
	return last < 0 ? STAGES.length - 1 : last;
}

/**
 * When each intel item and each hidden person can first be reached, as stage indices. An item
 * can be learned from its own stage once someone in `from` is on the chart; a hidden person is on
 * the chart once an item that reveals them is learned, and may reveal the next. Found by relaxing
 * each person's items as the person's stage falls. A stage index only falls,
 * and there are six, so each person is relaxed at most seven times: linear in the file, where a
 * round-by-round fixed point took a round per link of a reveal chain (quadratic).
 */
function reachability(
	people: [Json, number][],
	intel: [Json, number][],
	last: number,
	out: Drafts
): Map<unknown, number> {
	const stageOf = (value: unknown) => Math.max(0, STAGES.indexOf(value as StageId));
	const available = new Map<unknown, number>();
	for (const [person] of people) available.set(person.id, person.known === false ? Infinity : 0);
	const learned = intel.map(() => Infinity);
	// Which items each person can give.
	const gives = new Map<unknown, number[]>();
	intel.forEach(([item], i) => {
		for (const id of new Set(list(item.from))) {
			const items = gives.get(id);
			if (items) items.push(i);
			else gives.set(id, [i]);
		}
	});
	const queue: unknown[] = [];
	for (const [person] of people) if (available.get(person.id) === 0) queue.push(person.id);
	for (let next = 0; next < queue.length; next++) {
		const id = queue[next];
		const from = available.get(id) ?? Infinity;
		for (const i of gives.get(id) ?? []) {
			const [item] = intel[i];
			const at = Math.max(stageOf(item.stage), from);
			if (at >= learned[i]) continue;
			learned[i] = at;
			const reveals = item.reveals;
			if (reveals !== undefined && available.has(reveals) && at < available.get(reveals)!) {
				available.set(reveals, at);
				queue.push(reveals);
			}
		}
	}
	intel.forEach(([item, index], i) => {
		const from = list(item.from);
		// Unknown ids in `from` are reported as errors already; an empty `from` by the schema.
		if (learned[i] === Infinity && from.length > 0 && from.every((id) => available.has(id))) {
			out.warning('intel-unreachable', ['intel', index, 'from'], { id: quote(String(item.id)) });
		} else if (learned[i] !== Infinity && learned[i] > last) {
			out.warning('intel-too-late', ['intel', index, 'stage'], {
				stage: STAGES[learned[i]],
				last: STAGES[last]
			});
		}
	});
	const revealed = new Set(intel.map(([item]) => item.reveals));
	for (const [person, index] of people) {
		const unreachable = (available.get(person.id) ?? Infinity) > last;
		// A hidden decision maker no one can reveal is an error (hiddenDecisionMakers).
		const decisionMaker = person.role === 'decision-maker' && available.get(person.id) === Infinity;
		if (person.known === false && revealed.has(person.id) && unreachable && !decisionMaker) {
			out.warning('person-unreachable', ['people', index, 'known'], {
				id: quote(String(person.id))
			});
		}
	}
	return available;
}

// ------------------------------------------------------------------ issue 22: rules that keep a
// scenario honest and its validation bounded. Kept apart from the format's own rules above.

/** Longest `from` or `by` list of an intel item: no more than the people or activity types. */
export const MAX_INTEL_SOURCES = 50;

/**
 * Lists far over the format's limits (schema.ts), checked before any rule that walks them: the
 * schema reports its own limits, and lists it leaves unbounded (an intel item's `from` and `by`)
 * are reported here. True when any was found: the whole-file rules are then skipped, so that a
 * 130,000-entry list costs one problem, not one per entry and a walk per problem.
 */
function oversizedLists(root: Json, out: Drafts): boolean {
	const limits: [unknown, JsonPath, number][] = [
		[root.people, ['people'], 50],
		[root.intel, ['intel'], 100],
		[root.checks, ['checks'], 50]
	];
	let found = limits.some(([value, , max]) => list(value).length > max);
	for (const [item, i] of entries(root.intel).slice(0, 100)) {
		for (const field of ['from', 'by'] as const) {
			const count = list(item[field]).length;
			if (count > MAX_INTEL_SOURCES) {
				out.error('list-too-long', ['intel', i, field], { count, max: MAX_INTEL_SOURCES });
				found = true;
			}
		}
	}
	for (const [check] of entries(root.checks).slice(0, 50)) {
		if (list(check.actions).length > MAX_ACTIONS) found = true;
	}
	return found;
}

/**
 * A hidden decision maker whom no chain of intel can reveal (a reveal cycle: each hidden person
 * revealed only by intel from another hidden one): the deal then turns on a person the trainee
 * can never meet. An error, not a warning.
 */
function hiddenDecisionMakers(
	people: [Json, number][],
	revealed: ReadonlySet<unknown>,
	available: ReadonlyMap<unknown, number>,
	out: Drafts
): void {
	for (const [person, index] of people) {
		if (person.known !== false || person.role !== 'decision-maker') continue;
		if (!revealed.has(person.id) || available.get(person.id) !== Infinity) continue;
		out.error('decision-maker-unreachable', ['people', index, 'known'], {
			id: quote(String(person.id))
		});
	}
}

/**
 * How a deal may end: a decision option never wins the deal on its own (`ends` takes `lost` or
 * `withdrawn`: a deal is won by the stages played, not by one answer), and the budget must pay for
 * at least one activity, or the trainee can do nothing but decide.
 */
function endingRules(root: Json, out: Drafts): void {
	const stages = object(root.stages) ?? {};
	for (const stage of STAGES) {
		const decision = object(object(stages[stage])?.decision);
		for (const [option, j] of entries(decision?.options)) {
			if (option.ends === 'won')
				out.error('option-ends-won', ['stages', stage, 'decision', 'options', j, 'ends'], {
					id: quote(String(option.id))
				});
		}
	}
	const budget = object(root.resources)?.budget;
	if (typeof budget !== 'number') return;
	const overrides = object(object(root.methodology)?.costs) ?? {};
	const prices = ACTIVITIES.filter((activity) => activity !== 'gift').map((activity) => {
		const money = object(overrides[activity])?.money;
		return typeof money === 'number' ? money : DEFAULT_METHODOLOGY.costs[activity].money;
	});
	const cheapest = prices.reduce((low, price) => Math.min(low, price), Infinity);
	if (budget < cheapest)
		out.warning('budget-affords-nothing', ['resources', 'budget'], { budget, cheapest });
}

/** An exported attempt's rules that need no scenario: it finished after it started. */
export function attemptRules(value: unknown): ProblemDraft[] {
	const out = new Drafts();
	const root = object(value);
	const started = text(root?.startedAt);
	const finished = text(root?.finishedAt);
	if (started && finished) {
		const start = Date.parse(started);
		const end = Date.parse(finished);
		if (Number.isFinite(start) && Number.isFinite(end) && end < start) {
			out.error('attempt-time-order', ['finishedAt'], {
				startedAt: quote(started),
				finishedAt: quote(finished)
			});
		}
	}
	return out.items;
}

// ==================================================================== format 2
//
// The rules of what format 2 adds (conditions, several decisions, deal-ending events, defences,
// variants, attitude bands, wise withdrawals, translations): references that must exist,
// conditions that can never hold where they stand, and combinations that cannot mean what the
// author wrote. docs/authoring.md explains each to trainers.

/** What a condition may name, for references and for when things can first happen. */
interface Facts {
	people: string[];
	/** Intel ids and the index of the earliest stage each can be learned in. */
	intel: Map<string, number>;
	/** Decision ids, the index of their stage, and their option ids. */
	decisions: Map<string, { stage: number; options: string[] }>;
	variants: string[];
}

/** When a condition is asked: in which stage, and whether as the stage opens (start events). */
interface Moment {
	stage: number;
	start: boolean;
}

/** The part of a condition that cannot have happened yet at a moment, and the stage it belongs to. */
interface Impossible {
	names: string;
	later: StageId;
}

const CONDITION_COMBINERS = ['all', 'any'] as const;

function formatTwoRules(root: Json, personIds: readonly string[], out: Drafts): void {
	const stages = object(root.stages) ?? {};
	const stageOf = (value: unknown) => STAGES.indexOf(value as StageId);
	const facts: Facts = {
		people: [...personIds],
		intel: new Map(),
		decisions: new Map(),
		variants: entries(root.variants).flatMap(([variant]) =>
			text(variant.id) ? [variant.id as string] : []
		)
	};
	for (const [item] of entries(root.intel)) {
		if (text(item.id)) facts.intel.set(item.id as string, Math.max(0, stageOf(item.stage)));
	}
	STAGES.forEach((stage, index) => {
		for (const [decision] of planDecisions(stage, object(stages[stage]) ?? {})) {
			const id = text(decision.id);
			if (id === undefined || facts.decisions.has(id)) continue;
			const options = entries(decision.options).flatMap(([option]) =>
				text(option.id) ? [option.id as string] : []
			);
			facts.decisions.set(id, { stage: index, options });
		}
	});
	const people = entries(root.people);

	// ------------------------------------------------------------------ conditions, where they stand
	const condition = (value: unknown, path: JsonPath, own?: string) =>
		conditionReferences(value, path, facts, out, own);
	STAGES.forEach((stage, index) => {
		const plan = object(stages[stage]);
		if (!plan) return;
		const during: Moment = { stage: index, start: false };
		for (const [brief, b] of entries(plan.briefs)) {
			const path: JsonPath = ['stages', stage, 'briefs', b, 'if'];
			condition(brief.if, path);
			const never = impossible(brief.if, during, facts);
			if (never) out.warning('brief-never-shown', path, { stage, ...never });
		}
		for (const [event, k] of entries(plan.events)) {
			eventRules(event, ['stages', stage, 'events', k], index, facts, root, out, condition);
		}
		for (const [decision, base] of planDecisions(stage, plan)) {
			const id = text(decision.id);
			if (decision.if !== undefined) {
				condition(decision.if, [...base, 'if'], id);
				const never = impossible(decision.if, during, facts);
				if (never) out.warning('decision-never-asked', [...base, 'if'], { stage, ...never });
			}
			for (const [option, j] of entries(decision.options)) {
				if (option.if === undefined) continue;
				const path: JsonPath = [...base, 'options', j, 'if'];
				condition(option.if, path, id);
				const never = impossible(option.if, during, facts);
				if (never) out.warning('option-never-offered', path, { stage, ...never });
			}
		}
	});

	// ------------------------------------------------------------------ variants
	const variants = entries(root.variants);
	out.unique(
		variants.flatMap(([variant, i]): [string, JsonPath][] =>
			text(variant.id) ? [[variant.id as string, ['variants', i, 'id']]] : []
		)
	);
	if (variants.length > 0 && variants.every(([variant]) => variant.weight === 0)) {
		out.error('variant-weights-zero', ['variants']);
	}
	const hasDecisionMaker = people.some(([person]) => person.role === 'decision-maker');
	for (const [variant, i] of variants) {
		const patches = object(variant.people) ?? {};
		for (const [id, value] of Object.entries(patches)) {
			const path: JsonPath = ['variants', i, 'people', id];
			const person = people.find(([candidate]) => candidate.id === id)?.[0];
			if (!person) {
				out.missing('unknown-person', path, id, facts.people);
				// The person's id is the patch's field name: point at it.
				out.items[out.items.length - 1].at = 'key';
				continue;
			}
			const patch = object(value);
			if (!patch) continue;
			const unchanged = Object.entries(patch).every(
				([field, to]) => to === (field === 'known' ? person.known !== false : person[field])
			);
			if (unchanged) out.warning('variant-patch-unchanged', path, { id: quote(id) });
		}
		const roleAfter = ([person]: [Json, number]) =>
			object(patches[String(person.id)])?.role ?? person.role;
		if (hasDecisionMaker && !people.some((entry) => roleAfter(entry) === 'decision-maker')) {
			out.error('variant-no-decision-maker', ['variants', i, 'people'], {
				variant: quote(String(variant.id))
			});
		}
	}

	// ------------------------------------------------------------------ attitude bands
	for (const [person, i] of people) {
		const band = list(person.attitudeBand);
		const [from, to] = band.map((attitude) => ATTITUDES.indexOf(attitude as AttitudeId));
		if (band.length !== 2 || from < 0 || to < 0) continue;
		const path: JsonPath = ['people', i, 'attitudeBand'];
		const params = { from: String(band[0]), to: String(band[1]) };
		if (from > to) out.warning('attitude-band-reversed', path, params);
		const start = ATTITUDES.indexOf(person.attitude as AttitudeId);
		if (start >= 0 && (start < Math.min(from, to) || start > Math.max(from, to))) {
			out.warning('attitude-outside-band', ['people', i, 'attitude'], {
				...params,
				attitude: String(person.attitude)
			});
		}
	}

	// ------------------------------------------------------------------ wise withdrawals
	const withdrawals = entries(root.withdrawals);
	for (const [withdrawal, w] of withdrawals) {
		if (withdrawal.stage === 'implementation') {
			out.error('withdrawal-after-purchase', ['withdrawals', w, 'stage']);
		}
		if (withdrawal.if !== undefined) condition(withdrawal.if, ['withdrawals', w, 'if']);
	}
	if (withdrawals.length > 0) {
		// A format-2 file says when withdrawing is wise in `withdrawals` only; an option that
		// withdraws with credit in a stage none of them covers is judged unwise by the engine.
		const earliest = Math.min(...withdrawals.map(([withdrawal]) => stageOf(withdrawal.stage)));
		STAGES.forEach((stage, index) => {
			for (const [decision, base] of planDecisions(stage, object(stages[stage]) ?? {})) {
				for (const [option, j] of entries(decision.options)) {
					const credited = typeof option.score === 'number' && option.score > 0;
					if (option.ends === 'withdrawn' && credited && (earliest < 0 || index < earliest)) {
						out.warning('withdraw-option-unmarked', [...base, 'options', j, 'ends'], { stage });
					}
				}
			}
		});
	}

	// ------------------------------------------------------------------ translations and checks
	const translation = object(root.translationOf);
	if (translation && typeof root.locale === 'string' && translation.locale === root.locale) {
		out.error('translation-same-locale', ['translationOf', 'locale'], { locale: root.locale });
	}
	const drawn = variants.length > 0 || people.some(([person]) => person.attitudeBand !== undefined);
	for (const [check, c] of entries(root.checks)) {
		if (!drawn && Object.hasOwn(check, 'seed')) {
			out.warning('check-seed-unused', ['checks', c, 'seed']);
		}
	}
}

/** The rules of one event: its condition, its defence, whether it ends the deal. */
function eventRules(
	event: Json,
	base: JsonPath,
	stage: number,
	facts: Facts,
	root: Json,
	out: Drafts,
	condition: (value: unknown, path: JsonPath) => void
): void {
	const start = event.when === 'start';
	if (event.if !== undefined) {
		condition(event.if, [...base, 'if']);
		const never = impossible(event.if, { stage, start }, facts);
		if (never)
			out.warning('event-never-happens', [...base, 'if'], { stage: STAGES[stage], ...never });
	}
	if (event.unless !== undefined && event.defence !== undefined) {
		out.error('unless-and-defence', [...base, 'unless']);
	}
	if (
		event.ends === 'lost' &&
		event.if === undefined &&
		event.defence === undefined &&
		event.unless === undefined
	) {
		out.warning('event-always-ends', [...base, 'ends']);
	}
	if (event.defence === undefined) return;
	if (start) out.warning('defence-on-start', [...base, 'defence']);
	const defences: [Json, JsonPath][] = Array.isArray(event.defence)
		? entries(event.defence).map(([defence, d]) => [defence, [...base, 'defence', d]])
		: object(event.defence)
			? [[event.defence as Json, [...base, 'defence']]]
			: [];
	const roles = new Set<unknown>(entries(root.people).map(([person]) => person.role));
	for (const [variant] of entries(root.variants)) {
		for (const patch of Object.values(object(variant.people) ?? {})) roles.add(object(patch)?.role);
	}
	for (const [defence, path] of defences) {
		const person = text(defence.person);
		if (person !== undefined && !facts.people.includes(person)) {
			out.missing('unknown-person', [...path, 'person'], person, facts.people);
		}
		if (typeof defence.role === 'string' && !roles.has(defence.role)) {
			out.warning('defence-role-absent', [...path, 'role'], { role: quote(defence.role) });
		}
	}
}

/** The ids a condition names must exist; a decision's own conditions must not name it. */
function conditionReferences(
	value: unknown,
	path: JsonPath,
	facts: Facts,
	out: Drafts,
	own?: string
): void {
	const condition = object(value);
	if (!condition) return;
	for (const combiner of CONDITION_COMBINERS) {
		list(condition[combiner]).forEach((child, i) =>
			conditionReferences(child, [...path, combiner, i], facts, out, own)
		);
	}
	if (condition.not !== undefined) {
		conditionReferences(condition.not, [...path, 'not'], facts, out, own);
	}
	const intel = text(condition.intel);
	if (intel !== undefined && !facts.intel.has(intel)) {
		const known = [...facts.intel.keys()];
		if (known.length === 0) out.error('no-intel-items', [...path, 'intel'], { id: quote(intel) });
		else out.missing('unknown-intel', [...path, 'intel'], intel, known);
	}
	const decision = text(condition.decision);
	if (decision !== undefined) {
		const found = facts.decisions.get(decision);
		if (decision === own) {
			out.error('condition-own-decision', [...path, 'decision'], { decision: quote(decision) });
		} else if (!found) {
			const known = [...facts.decisions.keys()];
			if (known.length === 0) {
				out.error('no-decisions', [...path, 'decision'], { id: quote(decision) });
			} else out.missing('unknown-decision', [...path, 'decision'], decision, known);
		} else if (typeof condition.option === 'string' && !found.options.includes(condition.option)) {
			out.missing('unknown-option', [...path, 'option'], condition.option, found.options, {
				decision: quote(decision)
			});
		}
	}
	const person = text(condition.person);
	if (person !== undefined && !facts.people.includes(person)) {
		out.missing('unknown-person', [...path, 'person'], person, facts.people);
	}
	const variant = text(condition.variant);
	if (variant !== undefined && !facts.variants.includes(variant)) {
		if (facts.variants.length === 0) {
			out.error('no-variants', [...path, 'variant'], { id: quote(variant) });
		} else out.missing('unknown-variant', [...path, 'variant'], variant, facts.variants);
	}
}

/**
 * What makes a condition impossible at a moment: it needs intel, a decision or a stage that
 * belongs to a later stage (or, as a stage opens, to that stage itself, where nothing has been
 * done yet). `not` is never judged impossible: the negation of something not yet done holds.
 */
function impossible(value: unknown, at: Moment, facts: Facts): Impossible | undefined {
	const condition = object(value);
	if (!condition) return undefined;
	const tooLate = (stage: number | undefined, names: string): Impossible | undefined =>
		stage !== undefined && (stage > at.stage || (at.start && stage === at.stage))
			? { names, later: STAGES[stage] }
			: undefined;
	if (Array.isArray(condition.all)) {
		for (const child of condition.all) {
			const found = impossible(child, at, facts);
			if (found) return found;
		}
		return undefined;
	}
	if (Array.isArray(condition.any)) {
		const found = condition.any.map((child) => impossible(child, at, facts));
		return found.length > 0 && found.every(Boolean) ? found[0] : undefined;
	}
	const intel = text(condition.intel);
	if (intel !== undefined) return tooLate(facts.intel.get(intel), JSON.stringify({ intel }));
	const decision = text(condition.decision);
	if (decision !== undefined) {
		return tooLate(facts.decisions.get(decision)?.stage, JSON.stringify({ decision }));
	}
	const stage = text(condition.stage);
	if (stage !== undefined) {
		const index = STAGES.indexOf(stage as StageId);
		// A stage is reached as it opens: `{ "stage": S }` holds in S's start events.
		return index > at.stage
			? { names: JSON.stringify({ stage }), later: STAGES[index] }
			: undefined;
	}
	return undefined;
}
