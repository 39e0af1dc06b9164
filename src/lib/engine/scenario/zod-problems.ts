/**
 * Zod's issues, translated into messages a trainer can act on: the field's name and the allowed
 * ones, the value found and the allowed values, the nearest correct spelling.
 *
 * Zod reports what failed; to say what is allowed this module looks at the schema itself at the
 * issue's path (the keys of an object, the values of an enum).
 */
import type { z } from 'zod';
import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	DEPARTMENTS,
	DIFFICULTIES,
	FITS,
	INTEL_KINDS,
	LEVELS,
	OUTCOMES,
	POSITIONS,
	ROLES,
	SCORE_CATEGORIES,
	STAGES,
	STRATEGIES
} from '../methodology';
import { didYouMean, SuggestionBudget } from './did-you-mean';
import { jsonType } from './format';
import type { JsonPath, ProblemDraft, ProblemParams } from './problem';
import { quote } from './safe-json';
import { ACTION_TYPES, LOCALES, MODES, conditionSchema } from './schema';

/** The parts of a Zod 4 schema definition this module reads. */
interface SchemaDef {
	type: string;
	innerType?: Schema;
	in?: Schema;
	shape?: Record<string, Schema>;
	element?: Schema;
	keyType?: Schema;
	valueType?: Schema;
	options?: Schema[];
	discriminator?: string;
	entries?: Record<string, string | number>;
	values?: unknown[];
}
interface Schema {
	_zod: { def: SchemaDef; innerType?: Schema };
}

const WRAPPERS = new Set([
	'optional',
	'default',
	'prefault',
	'nullable',
	'readonly',
	'catch',
	'nonoptional'
]);

function unwrap(schema: Schema | undefined): Schema | undefined {
	let current = schema;
	for (let guard = 0; current && guard < 20; guard++) {
		const def = current._zod.def;
		if (WRAPPERS.has(def.type)) current = def.innerType;
		else if (def.type === 'pipe') current = def.in;
		// A recursive schema (a condition inside `all`) is lazy: its inner schema is built on use.
		else if (def.type === 'lazy') current = current._zod.innerType;
		else break;
	}
	return current;
}

/**
 * The schema of the value at `path`, following the value to pick a union's member (at the end of
 * the path too, unless `member` is false: then a union there is returned as the union).
 */
function schemaAt(root: Schema, path: JsonPath, value: unknown, member = true): Schema | undefined {
	let schema: Schema | undefined = root;
	let here: unknown = value;
	for (const segment of path) {
		schema = pickMember(unwrap(schema), here);
		if (!schema) return undefined;
		const def = schema._zod.def;
		if (def.type === 'object') schema = def.shape?.[String(segment)];
		else if (def.type === 'array') schema = def.element;
		else if (def.type === 'record') schema = def.valueType;
		else return undefined;
		here = child(here, segment);
	}
	return member ? pickMember(unwrap(schema), here) : unwrap(schema);
}

/**
 * A union's member the value is meant for: the one a discriminated union's tag names; in a plain
 * union of objects (a condition), the one that shares the most fields with the value.
 */
function pickMember(schema: Schema | undefined, value: unknown): Schema | undefined {
	const def = schema?._zod.def;
	if (!def || def.type !== 'union' || !def.options) return schema;
	if (!def.discriminator) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return schema;
		const keys = Object.keys(value);
		let best: Schema | undefined;
		let most = 0;
		for (const option of def.options) {
			const shape = unwrap(option)?._zod.def.shape;
			const shared = shape ? keys.filter((key) => Object.hasOwn(shape, key)).length : 0;
			if (shared > most) [best, most] = [unwrap(option), shared];
		}
		return best ?? schema;
	}
	const tag = child(value, def.discriminator);
	return def.options.find((option) => {
		const field = unwrap(unwrap(option)?._zod.def.shape?.[def.discriminator as string]);
		return field?._zod.def.values?.includes(tag);
	});
}

function child(value: unknown, segment: string | number): unknown {
	if (typeof value !== 'object' || value === null) return undefined;
	if (Array.isArray(value)) return typeof segment === 'number' ? value[segment] : undefined;
	return Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
}

/** The value at a path of a JSON value, or undefined. */
export function valueAt(value: unknown, path: JsonPath): unknown {
	let here = value;
	for (const segment of path) here = child(here, segment);
	return here;
}

/** The keys an object (or a record with enum keys) accepts. */
function allowedKeys(schema: Schema | undefined): string[] {
	const def = schema?._zod.def;
	if (def?.type === 'object') return Object.keys(def.shape ?? {});
	if (def?.type === 'record') return enumValues(unwrap(def.keyType)).map(String);
	return [];
}

function enumValues(schema: Schema | undefined): unknown[] {
	const def = schema?._zod.def;
	if (def?.type === 'enum') return Object.values(def.entries ?? {});
	if (def?.type === 'literal') return def.values ?? [];
	return [];
}

/** Vocabularies, so that a message can say "is not a role" rather than "is not allowed". */
const VOCABULARIES: [string, readonly unknown[]][] = [
	['role', ROLES],
	['stage', STAGES],
	['attitude', ATTITUDES],
	['contact', CONTACTS],
	['level', LEVELS],
	['department', DEPARTMENTS],
	['activity', ACTIVITIES],
	['strategy', STRATEGIES],
	['outcome', OUTCOMES],
	['position', POSITIONS],
	['difficulty', DIFFICULTIES],
	['intel-kind', INTEL_KINDS],
	['fit', FITS],
	['score-category', SCORE_CATEGORIES],
	['locale', LOCALES],
	['event-time', ['start', 'end']],
	['mode', MODES],
	['action-type', ACTION_TYPES]
];

function vocabularyOf(values: readonly unknown[]): string {
	const set = new Set(values);
	const match = VOCABULARIES.find(
		([, words]) => words.length === set.size && words.every((word) => set.has(word))
	);
	return match ? match[0] : 'value';
}

/** `"a", "b", "c"`: allowed values as a trainer would type them. */
export function listValues(values: readonly unknown[]): string {
	return values.map((value) => JSON.stringify(value)).join(', ');
}

function shown(value: unknown): string {
	return quote(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
}

/** "Dean Zhao" → "dean-zhao": the id a trainer probably meant. */
function kebab(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 64)
		.replace(/-+$/, '');
}

const FORMAT_CODES: [RegExp, string][] = [
	[/\[a-z0-9\]\+\(-\[a-z0-9\]\+\)\*/, 'id-format'],
	[/\[A-Z\]\{3\}/, 'currency-format'],
	[/\[0-9a-f\]\{64\}/, 'hash-format']
];

/**
 * Trainer-readable problems for Zod's issues: an issue at `people[0].role` with the value
 * "decison-maker" becomes `invalid-enum` with `what: 'role'`, the allowed roles and
 * `suggestion: 'decision-maker'`.
 */
export function zodProblems(
	issues: readonly z.core.$ZodIssue[],
	rootSchema: z.ZodType,
	value: unknown
): ProblemDraft[] {
	const root = rootSchema as unknown as Schema;
	const drafts: ProblemDraft[] = [];
	const reported = new Set<string>();
	const suggestions = new SuggestionBudget();
	for (const issue of issues) {
		const path = issue.path.filter(
			(segment): segment is string | number => typeof segment !== 'symbol'
		);
		// One problem per field: an empty id fails both its pattern and its length.
		const where = JSON.stringify(path);
		if (issue.code !== 'unrecognized_keys') {
			if (reported.has(where)) continue;
			reported.add(where);
		}
		const found = valueAt(value, path);
		const push = (code: string, params: ProblemParams = {}, at?: JsonPath, key = false) =>
			drafts.push({
				severity: 'error',
				code,
				path: at ?? path,
				params,
				...(key ? { at: 'key' as const } : {})
			});
		const field = String(path[path.length - 1] ?? '');

		switch (issue.code) {
			case 'invalid_type': {
				if (found === undefined) {
					if (path.length === 2 && path[0] === 'stages') {
						push('missing-stage', { stage: field, allowed: listValues(STAGES) });
						break;
					}
					const choices = enumValues(schemaAt(root, path, value));
					if (choices.length > 0) push('missing-choice', { field, allowed: listValues(choices) });
					else push('missing-field', { field });
				} else if (issue.expected === 'int' && typeof found === 'number') {
					push('not-integer', { found });
				} else if (
					(issue.expected === 'number' || issue.expected === 'int') &&
					typeof found === 'string' &&
					found.trim() !== '' &&
					Number.isFinite(Number(found))
				) {
					push('number-in-quotes', { found: quote(found) });
				} else if (issue.expected === 'boolean' && (found === 'true' || found === 'false')) {
					push('boolean-in-quotes', { found });
				} else {
					const expected =
						issue.expected === 'int'
							? 'integer'
							: issue.expected === 'record'
								? 'object'
								: String(issue.expected);
					push('wrong-type', { expected, received: jsonType(found) });
				}
				break;
			}
			case 'invalid_value': {
				// A missing enum field is reported by Zod as a wrong value, not a wrong type.
				if (found === undefined) {
					push('missing-choice', { field, allowed: listValues(issue.values) });
					break;
				}
				const params: ProblemParams = {
					found: shown(found),
					what: vocabularyOf(issue.values),
					allowed: listValues(issue.values)
				};
				const suggestion =
					typeof found === 'string'
						? suggestions.suggest(found, issue.values.map(String))
						: undefined;
				if (suggestion) params.suggestion = suggestion;
				push('invalid-enum', params);
				break;
			}
			case 'invalid_union': {
				if (issue.discriminator) {
					const options = ('options' in issue ? issue.options : undefined) ?? [];
					if (found === undefined) {
						push('missing-choice', { field, allowed: listValues(options) });
					} else {
						const params: ProblemParams = {
							found: shown(found),
							what: vocabularyOf(options),
							allowed: listValues(options)
						};
						const suggestion =
							typeof found === 'string'
								? suggestions.suggest(found, options.map(String))
								: undefined;
						if (suggestion) params.suggestion = suggestion;
						push('invalid-enum', params);
					}
				} else {
					const schema = schemaAt(root, path, value, false);
					if (schema !== undefined && schema === CONDITION) {
						drafts.push(...conditionProblems(found, path));
						break;
					}
					const member = matchingMember(issue, schema);
					if (member) {
						const inner = zodProblems(member.issues, member.schema as never, found);
						drafts.push(...inner.map((draft) => ({ ...draft, path: [...path, ...draft.path] })));
					} else push('schema-other', { detail: issue.message });
				}
				break;
			}
			case 'unrecognized_keys': {
				const allowed = allowedKeys(schemaAt(root, path, value));
				for (const key of issue.keys) {
					const params: ProblemParams = { key: quote(key), allowed: listValues(allowed) };
					const suggestion = suggestions.suggest(key, allowed);
					if (suggestion) params.suggestion = suggestion;
					push('unknown-key', params, [...path, key], true);
				}
				break;
			}
			case 'too_small': {
				const min = Number(issue.minimum);
				if (issue.origin === 'string') {
					const length = typeof found === 'string' ? found.trim().length : 0;
					if (min <= 1) push('text-empty');
					else push('text-too-short', { length, min });
				} else if (issue.origin === 'array' || issue.origin === 'set') {
					push('too-few-items', { count: Array.isArray(found) ? found.length : 0, min });
				} else {
					push(issue.inclusive === false ? 'number-not-above' : 'number-too-small', {
						found: shown(found),
						min
					});
				}
				break;
			}
			case 'too_big': {
				const max = Number(issue.maximum);
				if (issue.origin === 'string') {
					push('text-too-long', { length: typeof found === 'string' ? found.length : 0, max });
				} else if (issue.origin === 'array' || issue.origin === 'set') {
					push('too-many-items', { count: Array.isArray(found) ? found.length : 0, max });
				} else {
					push(issue.inclusive === false ? 'number-not-below' : 'number-too-big', {
						found: shown(found),
						max
					});
				}
				break;
			}
			case 'invalid_format': {
				const text = shown(found);
				if (issue.format === 'datetime') {
					push('datetime-format', { found: text });
					break;
				}
				const code =
					FORMAT_CODES.find(([pattern]) => pattern.test(issue.pattern ?? ''))?.[1] ??
					'pattern-format';
				const params: ProblemParams = { found: text };
				if (typeof found === 'string') {
					const fix =
						code === 'id-format'
							? kebab(found)
							: code === 'currency-format'
								? found.trim().toUpperCase()
								: '';
					const fits = !issue.pattern || new RegExp(stripSlashes(issue.pattern)).test(fix);
					if (fix !== '' && fix !== found && fits) params.suggestion = fix;
				}
				if (code === 'pattern-format') params.pattern = issue.pattern ?? '';
				push(code, params);
				break;
			}
			default:
				push('schema-other', { detail: issue.message });
		}
	}
	return withoutEchoes(drafts);
}

/**
 * A misspelt field is both unknown and, when it was required, missing: `"comitment"` for
 * `"commitment"`. The unknown field's message names the fix; the missing one would repeat it.
 */
function withoutEchoes(drafts: ProblemDraft[]): ProblemDraft[] {
	const meant = new Set(
		drafts
			.filter((draft) => draft.code === 'unknown-key' && draft.params?.suggestion !== undefined)
			.map((draft) => JSON.stringify([...draft.path.slice(0, -1), draft.params?.suggestion]))
	);
	return drafts.filter(
		(draft) => !(draft.code.startsWith('missing-') && meant.has(JSON.stringify(draft.path)))
	);
}

/**
 * The whole-file rules' findings that only repeat that a top-level part is missing or unusable:
 * with `"peopel"` for `"people"`, every reference to a person would otherwise be "no person has
 * the id …" (a hundred messages for one typing slip). Keyed by the part; the codes are those of
 * scenario-rules.ts.
 */
const FOLLOW_ONS: Record<string, readonly string[]> = {
	people: ['unknown-person', 'intel-unreachable', 'person-unreachable', 'no-decision-maker'],
	intel: ['hidden-never-revealed', 'person-unreachable', 'reveals-known-person'],
	stages: ['unknown-decision', 'unknown-option', 'intel-too-late']
};

/**
 * `ruleProblems` without the follow-on errors of a missing or unusable top-level part, which the
 * schema has reported once already (as missing, as a misspelt field or as a wrong type).
 */
export function withoutFollowOns(
	value: unknown,
	schemaProblems: readonly ProblemDraft[],
	ruleProblems: readonly ProblemDraft[]
): ProblemDraft[] {
	const unusable = Object.keys(FOLLOW_ONS).filter((part) => {
		const found = valueAt(value, [part]);
		const wanted = part === 'stages' ? 'object' : 'array';
		return (
			found === undefined ||
			jsonType(found) !== wanted ||
			schemaProblems.some((problem) => problem.path.length === 1 && problem.path[0] === part)
		);
	});
	if (unusable.length === 0) return [...ruleProblems];
	const quiet = new Set(unusable.flatMap((part) => FOLLOW_ONS[part]));
	return ruleProblems.filter((problem) => !quiet.has(problem.code));
}

/** Zod writes a regex pattern as `/source/flags`; the source is what a RegExp needs. */
function stripSlashes(pattern: string): string {
	const match = /^\/(.*)\/[a-z]*$/s.exec(pattern);
	return match ? match[1] : pattern;
}

/**
 * The one member of a plain union that the value has the shape of (an object where the union
 * takes an object or a list), with its issues; undefined when several or none fit.
 */
function matchingMember(
	issue: z.core.$ZodIssue,
	schema: Schema | undefined
): { schema: Schema; issues: z.core.$ZodIssue[] } | undefined {
	const options = schema?._zod.def.type === 'union' ? (schema._zod.def.options ?? []) : [];
	const errors = 'errors' in issue ? (issue.errors as z.core.$ZodIssue[][]) : [];
	const fitting = errors.flatMap((issues, i) =>
		options[i] && !issues.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0)
			? [{ schema: options[i], issues }]
			: []
	);
	return fitting.length === 1 ? fitting[0] : undefined;
}

// ---------------------------------------------------------------- conditions (format 2)

const CONDITION = unwrap(conditionSchema as unknown as Schema);

/** The field that says what a condition is about, and the fields that may go beside it. */
const CONDITION_KINDS = [
	'intel',
	'decision',
	'person',
	'strategy',
	'stage',
	'variant',
	'all',
	'any',
	'not'
] as const;
const CONDITION_COMPANIONS: Record<string, string> = {
	option: 'decision',
	attitude: 'person',
	contact: 'person'
};
/**
 * A condition that matches none of its kinds: Zod can only say that every kind failed. This
 * looks at the value to say which kind it was meant to be and what is wrong with it:
 * `{ "intel": "x", "stage": "evaluation" }` → two facts in one condition (use "all");
 * `{ "intell": "x" }` → an unknown kind, did you mean "intel"?
 */
function conditionProblems(found: unknown, path: JsonPath): ProblemDraft[] {
	const draft = (code: string, params: ProblemParams, at: JsonPath = path, key = false) => ({
		severity: 'error' as const,
		code,
		path: at,
		params,
		...(key ? { at: 'key' as const } : {})
	});
	if (typeof found !== 'object' || found === null || Array.isArray(found)) {
		return [draft('condition-not-object', { received: jsonType(found) })];
	}
	const keys = Object.keys(found);
	const kinds = keys.filter((key) => (CONDITION_KINDS as readonly string[]).includes(key));
	if (keys.length === 0) return [draft('condition-empty', {})];
	if (kinds.length >= 2) {
		return [draft('condition-two-kinds', { first: kinds[0], second: kinds[1] })];
	}
	if (kinds.length === 0) {
		const fields = [...CONDITION_KINDS, ...Object.keys(CONDITION_COMPANIONS)];
		return keys.map((key) => {
			const needs = CONDITION_COMPANIONS[key];
			if (needs) return draft('condition-missing-kind', { key, field: needs });
			const params: ProblemParams = { key: quote(key) };
			const suggestion = didYouMean(key, fields);
			if (suggestion) params.suggestion = suggestion;
			return draft('condition-unknown-kind', params, [...path, key], true);
		});
	}
	const record = found as Record<string, unknown>;
	if (kinds[0] === 'person') {
		if ('attitude' in record && 'contact' in record) {
			return [draft('condition-two-kinds', { first: 'attitude', second: 'contact' })];
		}
		if (!('attitude' in record) && !('contact' in record)) {
			return [draft('condition-person-needs', {})];
		}
	}
	const member = (CONDITION?._zod.def.options ?? []).find((option) => {
		const shape = Object.keys(option._zod.def.shape ?? {});
		if (shape[0] !== kinds[0]) return false;
		return kinds[0] !== 'person' || shape.includes('contact' in record ? 'contact' : 'attitude');
	});
	const parsed = (member as unknown as z.ZodType | undefined)?.safeParse(found);
	if (!member || !parsed || parsed.success) return [];
	return zodProblems(parsed.error.issues, member as unknown as z.ZodType, found).map((inner) => ({
		...inner,
		path: [...path, ...inner.path]
	}));
}
