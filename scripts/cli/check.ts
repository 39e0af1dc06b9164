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
import { refusalText } from '../../src/lib/i18n/engine-text';
import type { Command } from './command';

/** The shipped scenarios, wherever the command is run from. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** What a per-file checker gets: a file that passed validation. */
export interface FileCheckContext {
	file: string;
	text: string;
	scenario: Scenario;
	hash: string;
	/** Places problems at their JSON paths in the file and renders their messages. */
	place(drafts: readonly ProblemDraft[]): Problem[];
}

/** An extra check of a valid scenario file; its errors fail the file like validation errors. */
export type FileChecker = (context: FileCheckContext) => Problem[] | Promise<Problem[]>;

export interface CheckedFile {
	file: string;
	ok: boolean;
	hash?: string;
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
	checkers: readonly FileChecker[] = []
): Promise<CheckedFile> {
	const refused = (problem: Problem): CheckedFile => ({
		file,
		ok: false,
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

	const parsed = await parseScenario(text);
	if (!parsed.ok) return { file, ok: false, errors: parsed.errors, warnings: parsed.warnings };
	const errors: Problem[] = [];
	const warnings = [...parsed.warnings];
	const context: FileCheckContext = {
		file,
		text,
		scenario: parsed.scenario,
		hash: parsed.hash,
		place: (drafts) => placeProblems(text, drafts)
	};
	for (const checker of checkers) {
		for (const problem of await checker(context)) {
			(problem.severity === 'error' ? errors : warnings).push(problem);
		}
	}
	errors.sort(compareProblems);
	warnings.sort(compareProblems);
	return { file, ok: errors.length === 0, hash: parsed.hash, errors, warnings };
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

/** One line per problem, in the format editors and CI logs link from. */
export function problemLine(file: string, problem: Problem): string {
	return `${file}:${problem.line}:${problem.column}  ${problem.severity}  ${problem.pathText || '-'}  ${problem.message}`;
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** Checks files and prints the report; returns the exit code. */
export async function runCheck(
	args: readonly string[],
	checkers: readonly FileChecker[] = [],
	output: CheckOutput = consoleOutput
): Promise<number> {
	const json = args.includes('--json');
	const unknown = args.find((arg) => arg.startsWith('--') && arg !== '--json');
	if (unknown) {
		output.out(`Unknown option ${unknown}. Usage: npm run scenarios -- ${checkCommandUsage}`);
		return 2;
	}
	const files = await expandFiles(args.filter((arg) => !arg.startsWith('--')));
	const results: CheckedFile[] = [];
	for (const file of files) results.push(await checkFile(file, checkers));

	if (json) {
		output.out(JSON.stringify(results, null, 2));
	} else if (files.length === 0) {
		output.out('No scenario files to check.');
	} else {
		for (const result of results) {
			for (const problem of [...result.errors, ...result.warnings]) {
				output.out(problemLine(result.file, problem));
			}
			if (result.ok) {
				const note =
					result.warnings.length > 0
						? `, ${plural(result.warnings.length, 'warning', 'warnings')}`
						: '';
				output.out(`${result.file}: OK${note}`);
			}
		}
		const refused = results.filter((result) => !result.ok).length;
		const errors = results.reduce((total, result) => total + result.errors.length, 0);
		const warnings = results.reduce((total, result) => total + result.warnings.length, 0);
		output.out(
			`\nChecked ${plural(files.length, 'file', 'files')}: ${results.length - refused} OK, ` +
				`${refused} with errors; ${plural(errors, 'error', 'errors')}, ` +
				`${plural(warnings, 'warning', 'warnings')}.`
		);
	}
	return results.some((result) => !result.ok) ? 1 : 0;
}

const checkCommandUsage = 'check [files or folders...] [--json]';

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
export const scenarioChecks: FileChecker = ({ scenario, place }) => {
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
						params: { name, index: first.index, reason: refusalText(first.refusal, scenario, 'en') }
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
