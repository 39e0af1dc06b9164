/**
 * The rules of a scenario that need the whole file: unique ids, references that point at
 * something, a decision maker, hidden people who can be revealed, weights that add up, intel
 * that someone can reveal.
 *
 * They read the file's value as written, defensively, so that they run even when the schema
 * refused something else: a trainer sees every problem in one pass, not one layer at a time.
 */
import {
	ACTIVITIES,
	DEFAULT_METHODOLOGY,
	DELIBERATION_INTEL,
	STAGES,
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
		const decision = object(plan.decision);
		if (!decision) continue;
		const base: JsonPath = ['stages', stage, 'decision'];
		const options = entries(decision.options);
		const optionIds = options.flatMap(([option]) => (text(option.id) ? [option.id as string] : []));
		if (text(decision.id)) {
			decisionIds.push([decision.id as string, [...base, 'id']]);
			decisions.push({ id: decision.id as string, options: optionIds });
		}
		out.unique(
			options.flatMap(([option, j]): [string, JsonPath][] =>
				text(option.id) ? [[option.id as string, [...base, 'options', j, 'id']]] : []
			)
		);
		for (const [option, j] of options) effects(option.effects, [...base, 'options', j, 'effects']);
		const scores = options
			.map(([option]) => option.score)
			.filter((s): s is number => typeof s === 'number');
		// A loop, not Math.max(...scores): a spread of a huge list overflows the stack.
		const best = scores.reduce((top, score) => Math.max(top, score), -Infinity);
		if (scores.length === options.length && scores.length > 0 && best < 1) {
			out.warning('decision-no-full-credit', [...base, 'options'], { best });
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
	return out.items;
}

/**
 * The last stage any trainee can play: the first one whose decision ends the deal whatever the
 * trainee chooses, or implementation.
 */
function lastPlayableStage(stages: Json | undefined): number {
	const last = STAGES.findIndex((stage) => {
		const options = entries(object(object(stages?.[stage])?.decision)?.options);
		return options.length > 0 && options.every(([option]) => typeof option.ends === 'string');
	});
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
