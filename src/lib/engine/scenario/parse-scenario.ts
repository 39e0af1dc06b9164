/**
 * The one way into the engine for a scenario or an exported attempt written by someone else:
 * text in, a typed value or every problem out. The editor, the import dialog and the command line
 * all call these functions, so a trainer sees the same messages everywhere.
 *
 * Order: size and JSON syntax (safe-json.ts), then the format and its migrations (format.ts), then
 * the Zod schema (schema.ts, translated by zod-problems.ts), then the rules that need the whole
 * file (scenario-rules.ts). Later layers still run when an earlier one found something they can
 * look past, so that all problems are reported at once.
 */
import type { z } from 'zod';
import { ATTEMPT_FAMILY, SCENARIO_FAMILY, readFormat, type FormatFamily } from './format';
import { scenarioHash } from './hash';
import {
	compareProblems,
	pathToText,
	type JsonPath,
	type Problem,
	type ProblemDraft
} from './problem';
import { renderMessage } from './problem-messages';
import { JsonLocator, readJson, type ReadOptions } from './safe-json';
import { attemptRules, scenarioRules } from './scenario-rules';
import { attemptSchema, scenarioSchema, type ExportedAttempt, type Scenario } from './schema';
import { withoutFollowOns, zodProblems } from './zod-problems';

export interface Refused {
	ok: false;
	errors: Problem[];
	warnings: Problem[];
}

export type ScenarioValidation =
	{ ok: true; scenario: Scenario; value: unknown; warnings: Problem[] } | Refused;

export type ParsedScenario =
	{ ok: true; scenario: Scenario; hash: string; warnings: Problem[] } | Refused;

export type ParsedAttempt = { ok: true; attempt: ExportedAttempt; warnings: Problem[] } | Refused;

/**
 * Validates a scenario file's text without hashing it (synchronous, for an editor's linter):
 * `validateScenarioText('{"format": "sales-sim/scenario@2"}')` → refused with `format-future`.
 */
export function validateScenarioText(text: string): ScenarioValidation {
	const result = run(text, SCENARIO_FAMILY, scenarioSchema, scenarioRules, { markup: true });
	if (!result.ok) return result;
	return { ok: true, scenario: result.data, value: result.value, warnings: result.warnings };
}

/**
 * Reads a scenario file: the typed scenario with the contract's defaults applied, its content
 * hash, and its warnings; or, when it breaks the contract, every error and warning.
 * `await parseScenario(text)` → `{ ok: true, scenario, hash: '3f2a…', warnings: [] }`.
 */
export async function parseScenario(text: string): Promise<ParsedScenario> {
	const result = validateScenarioText(text);
	if (!result.ok) return result;
	const hash = await scenarioHash(result.value);
	return { ok: true, scenario: result.scenario, hash, warnings: result.warnings };
}

/**
 * Reads an exported attempt (format sales-sim/attempt@1) with the same safety and messages.
 * Whether its actions replay to its result on its scenario is for the replay to say. Its names
 * are plain text: `<`, `>` and `&` in a player's or team's name are characters, not markup.
 */
export function parseAttempt(text: string): ParsedAttempt {
	const result = run(text, ATTEMPT_FAMILY, attemptSchema, attemptRules, { markup: false });
	if (!result.ok) return result;
	return { ok: true, attempt: result.data, warnings: result.warnings };
}

type RunResult<T> = { ok: true; data: T; value: unknown; warnings: Problem[] } | Refused;

function run<S extends z.ZodType>(
	text: string,
	family: FormatFamily,
	schema: S,
	rules: (value: unknown, schemaProblems: readonly ProblemDraft[]) => ProblemDraft[],
	options: ReadOptions
): RunResult<z.output<S>> {
	const document = readJson(typeof text === 'string' ? text : String(text), options);
	const locator = new JsonLocator(document.text, document.root);
	const drafts: ProblemDraft[] = [...document.problems];
	let data: z.output<S> | undefined;

	// A refused top-level value (a huge number, say) has been explained; there is nothing to read.
	if (document.root !== undefined && document.value !== undefined) {
		const format = readFormat(document.value, family);
		if (!format.ok) {
			// Without a readable format nothing else can be said about the file.
			drafts.push(format.problem);
		} else {
			const parsed = schema.safeParse(format.value);
			const schemaProblems = parsed.success
				? []
				: zodProblems(parsed.error.issues, schema, format.value).filter(
						(problem) => !document.refused.some((path) => isWithin(problem.path, path))
					);
			drafts.push(...schemaProblems);
			drafts.push(
				...withoutFollowOns(format.value, schemaProblems, rules(format.value, schemaProblems))
			);
			if (parsed.success) data = parsed.data;
		}
	}

	const problems = drafts.map((draft) => finish(draft, locator));
	const errors = capped(
		problems.filter((problem) => problem.severity === 'error').sort(compareProblems),
		locator
	);
	const warnings = capped(
		problems.filter((problem) => problem.severity === 'warning').sort(compareProblems),
		locator
	);
	if (errors.length > 0 || data === undefined) {
		return { ok: false, errors, warnings };
	}
	return { ok: true, data, value: document.value, warnings };
}

/** Most problems of one severity listed; a file with more is garbage, not a draft to fix. */
export const MAX_PROBLEMS = 500;

/** The first MAX_PROBLEMS problems, and a note of how many more there were. */
function capped(problems: Problem[], locator: JsonLocator): Problem[] {
	if (problems.length <= MAX_PROBLEMS) return problems;
	const shown = problems.slice(0, MAX_PROBLEMS);
	const last = shown[shown.length - 1];
	const note = finish(
		{
			severity: last.severity,
			code: 'too-many-problems',
			path: [],
			params: { shown: MAX_PROBLEMS, total: problems.length }
		},
		locator
	);
	return [
		...shown,
		{ ...note, line: last.line, column: last.column, offset: last.offset, length: last.length }
	];
}

function isWithin(path: JsonPath, prefix: JsonPath): boolean {
	return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function finish(draft: ProblemDraft, locator: JsonLocator): Problem {
	const params = draft.params ?? {};
	const { offset, length } =
		draft.offset !== undefined
			? {
					offset: draft.offset,
					length: Math.min(draft.length ?? 1, Math.max(0, locator.text.length - draft.offset))
				}
			: locator.spanOf(draft.path, draft.at);
	const { line, column } = locator.position(offset);
	return {
		severity: draft.severity,
		code: draft.code,
		path: draft.path,
		pathText: pathToText(draft.path),
		line,
		column,
		offset,
		length,
		params,
		message: renderMessage(draft.code, params, 'en')
	};
}

/**
 * Places problems found after parsing (by a scenario's own checks, by the command line) in the
 * file's text and renders their messages: `placeProblems(text, [{ severity: 'error',
 * code: 'check-outcome', path: ['checks', 0, 'expect', 'outcome'], params }])`.
 */
export function placeProblems(text: string, drafts: readonly ProblemDraft[]): Problem[] {
	const document = readJson(text);
	const locator = new JsonLocator(document.text, document.root);
	return drafts.map((draft) => finish(draft, locator));
}
