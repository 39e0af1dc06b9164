/**
 * `npm run scenarios -- check [files or folders...] [--json]`: validates scenario files (all of
 * scenarios/ when none is named) and prints, for each, OK or every error and warning as
 * `file:line:column  error  people[3].role  message`, then a summary. Exit code 1 when any file
 * has an error.
 *
 * After a file validates, extra per-file checkers run on it (the hook: `createCheckCommand({
 * checkers })`); scenarios.ts passes `scenarioChecks`, which replays the scenario's own `checks`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../../src/lib/engine/deal/checks';
import { parseScenario, placeProblems } from '../../src/lib/engine/scenario/parse-scenario';
import {
	compareProblems,
	type Problem,
	type ProblemDraft
} from '../../src/lib/engine/scenario/problem';
import { MAX_FILE_BYTES } from '../../src/lib/engine/scenario/safe-json';
import type { Scenario } from '../../src/lib/engine/scenario/schema';
import { problemMessage } from '../../src/lib/engine/scenario/problem-messages';
import { refusalText } from '../../src/lib/i18n/engine-text';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Command } from './command';
import { commonLocale, fileLocale, takeLang, type CliLocale } from './lang';

/** The shipped scenarios, wherever the command is run from. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** What a per-file checker gets: a file that passed validation. */
export interface FileCheckContext {
	file: string;
	text: string;
	scenario: Scenario;
	hash: string;
	/** The language the report is printed in. */
	locale: CliLocale;
	/** Places problems at their JSON paths in the file and renders their messages. */
	place(drafts: readonly ProblemDraft[]): Problem[];
}

/** An extra check of a valid scenario file; its errors fail the file like validation errors. */
export type FileChecker = (context: FileCheckContext) => Problem[] | Promise<Problem[]>;

export interface CheckedFile {
	file: string;
	ok: boolean;
	hash?: string;
	/** The language of the file's report: `--lang`, else the file's own `locale`, else English. */
	locale: CliLocale;
	errors: Problem[];
	warnings: Problem[];
}

export interface CheckOutput {
	out(line: string): void;
}

const consoleOutput: CheckOutput = { out: (line) => console.log(line) };

/** A problem about the file as a whole (unreadable, not UTF-8), before any JSON is read. */
function fileProblem(code: string, params: Record<string, string | number> = {}): Problem {
	return placeProblems('', [{ severity: 'error', code, path: [], params, offset: 0 }])[0];
}

/**
 * Reads and validates one scenario file, then runs the checkers on it when it is valid:
 * `await checkFile('scenarios/city-hospital-his.json')` → `{ ok: true, hash, errors: [], ... }`.
 */
export async function checkFile(
	file: string,
	checkers: readonly FileChecker[] = [],
	lang?: CliLocale
): Promise<CheckedFile> {
	const refused = (problem: Problem): CheckedFile => ({
		file,
		ok: false,
		locale: lang ?? 'en',
		errors: [problem],
		warnings: []
	});
	let text: string;
	try {
		// Refused by size before it is read, like in the browser.
		const { size } = await stat(file);
		if (size > MAX_FILE_BYTES)
			return refused(fileProblem('file-too-large', { size, max: MAX_FILE_BYTES }));
		const bytes = await readFile(file);
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			return refused(fileProblem('file-encoding'));
		}
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return refused(fileProblem('file-unreadable', { reason }));
	}

	const locale = lang ?? fileLocale(text) ?? 'en';
	const parsed = await parseScenario(text);
	if (!parsed.ok)
		return { file, ok: false, locale, errors: parsed.errors, warnings: parsed.warnings };
	const errors: Problem[] = [];
	const warnings = [...parsed.warnings];
	const context: FileCheckContext = {
		file,
		text,
		scenario: parsed.scenario,
		hash: parsed.hash,
		locale,
		place: (drafts) => placeProblems(text, drafts)
	};
	for (const checker of checkers) {
		for (const problem of await checker(context)) {
			(problem.severity === 'error' ? errors : warnings).push(problem);
		}
	}
	errors.sort(compareProblems);
	warnings.sort(compareProblems);
	return { file, ok: errors.length === 0, hash: parsed.hash, locale, errors, warnings };
}

/** The files named on the command line: folders stand for their *.json files. */
export async function expandFiles(args: readonly string[]): Promise<string[]> {
	const named = args.length > 0 ? args : [relative(process.cwd(), SCENARIOS_DIR) || '.'];
	const files: string[] = [];
	for (const arg of named) {
		const isFolder = await stat(arg).then(
			(found) => found.isDirectory(),
			() => false
		);
		if (!isFolder) {
			files.push(arg);
			continue;
		}
		const entries = (await readdir(arg)).filter((name) => name.endsWith('.json')).sort();
		files.push(...entries.map((name) => join(arg, name)));
	}
	return files;
}

const SEVERITY = {
	error: (locale: CliLocale) => m.cli_severity_error({}, { locale }),
	warning: (locale: CliLocale) => m.cli_severity_warning({}, { locale })
};

/**
 * One line per problem, in the format editors and CI logs link from, in a language:
 * `city.json:12:13  error  people[0].role  "decison-maker" is not a role; …`.
 */
export function problemLine(file: string, problem: Problem, locale: CliLocale = 'en'): string {
	return `${file}:${problem.line}:${problem.column}  ${SEVERITY[problem.severity](locale)}  ${problem.pathText || '-'}  ${problemMessage(problem, locale)}`;
}

/** Checks files and prints the report, each file in its language; returns the exit code. */
export async function runCheck(
	args: readonly string[],
	checkers: readonly FileChecker[] = [],
	output: CheckOutput = consoleOutput
): Promise<number> {
	const taken = takeLang(args);
	if ('error' in taken) {
		output.out(m.cli_bad_lang({ found: taken.error }));
		return 2;
	}
	const { lang } = taken;
	const json = taken.args.includes('--json');
	const unknown = taken.args.find((arg) => arg.startsWith('--') && arg !== '--json');
	if (unknown) {
		output.out(
			m.cli_unknown_option({ option: unknown, usage: checkCommandUsage }, { locale: lang ?? 'en' })
		);
		return 2;
	}
	const files = await expandFiles(taken.args.filter((arg) => !arg.startsWith('--')));
	const results: CheckedFile[] = [];
	for (const file of files) results.push(await checkFile(file, checkers, lang));
	const locale = lang ?? commonLocale(results.map((result) => result.locale));

	if (json) {
		output.out(JSON.stringify(results, null, 2));
	} else if (files.length === 0) {
		output.out(m.cli_no_files({}, { locale }));
	} else {
		for (const result of results) {
			const here = { locale: result.locale };
			for (const problem of [...result.errors, ...result.warnings]) {
				output.out(problemLine(result.file, problem, result.locale));
			}
			if (result.ok) {
				output.out(
					result.warnings.length > 0
						? m.cli_file_ok_warnings(
								{
									file: result.file,
									warnings: m.cli_count_warnings({ count: result.warnings.length }, here)
								},
								here
							)
						: m.cli_file_ok({ file: result.file }, here)
				);
			}
		}
		const refused = results.filter((result) => !result.ok).length;
		const errors = results.reduce((total, result) => total + result.errors.length, 0);
		const warnings = results.reduce((total, result) => total + result.warnings.length, 0);
		output.out(
			`\n${m.cli_check_summary(
				{
					files: m.cli_count_files({ count: files.length }, { locale }),
					ok: results.length - refused,
					refused,
					errors: m.cli_count_errors({ count: errors }, { locale }),
					warnings: m.cli_count_warnings({ count: warnings }, { locale })
				},
				{ locale }
			)}`
		);
	}
	return results.some((result) => !result.ok) ? 1 : 0;
}

const checkCommandUsage = 'check [files or folders...] [--json] [--lang en|zh-CN]';

/**
 * The `check` command. THE HOOK for more checks: pass `checkers`, each run on every file that
 * validates (the scenario's own `checks`, anything else the deal engine can verify).
 */
export function createCheckCommand(options: { checkers?: readonly FileChecker[] } = {}): Command {
	return {
		name: 'check',
		usage: checkCommandUsage,
		summary: 'validate scenario files (all of scenarios/ by default) and run their checks',
		run: (args) => runCheck(args, options.checkers ?? [])
	};
}

/**
 * Replays each of the scenario's own `checks` and reports every way one fails, at the check's
 * failing action or expectation.
 */
export const scenarioChecks: FileChecker = ({ scenario, place, locale }) => {
	const drafts: ProblemDraft[] = [];
	runChecks(scenario).forEach((result, i) => {
		const name = result.name;
		for (const failure of result.failures) {
			if (failure.code === 'refused') {
				// After the first refusal the rest are usually its echo ("the deal has ended").
				const [first] = result.refused;
				if (first) {
					drafts.push({
						severity: 'error',
						code: 'check-refused',
						path: ['checks', i, 'actions', first.index],
						params: {
							name,
							index: first.index,
							reason: refusalText(first.refusal, scenario, locale)
						}
					});
				}
				continue;
			}
			const field = { outcome: 'outcome', 'min-score': 'minScore', 'max-score': 'maxScore' }[
				failure.code
			];
			drafts.push({
				severity: 'error',
				code: `check-${failure.code}`,
				path: ['checks', i, 'expect', field],
				params: { name, expected: failure.expected, actual: failure.actual }
			});
		}
	});
	return place(drafts);
};
