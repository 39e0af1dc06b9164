/** Reading a scenario file for the command line, with the validator's messages on failure. */
import { readFile } from 'node:fs/promises';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import type { Scenario } from '../../src/lib/engine/scenario/schema';
import { m } from '../../src/lib/paraglide/messages.js';
import { problemLine } from './check';
import { fileLocale, type CliLocale } from './lang';

/** The scenario in `file`, or undefined after printing every problem with its place. */
export async function loadScenarioFile(
	file: string,
	lang?: CliLocale
): Promise<Scenario | undefined> {
	return (await loadScenarioWithHash(file, lang))?.scenario;
}

/**
 * The scenario in `file` with its content hash, or undefined after printing every problem, in
 * `lang` or else the file's own language.
 */
export async function loadScenarioWithHash(
	file: string,
	lang?: CliLocale
): Promise<{ scenario: Scenario; hash: string } | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		console.error(
			m.cli_cannot_read({ file, reason: (error as Error).message }, { locale: lang ?? 'en' })
		);
		return undefined;
	}
	const parsed = await parseScenario(text);
	if (parsed.ok) return { scenario: parsed.scenario, hash: parsed.hash };
	const locale = lang ?? fileLocale(text) ?? 'en';
	for (const problem of [...parsed.errors, ...parsed.warnings]) {
		console.error(problemLine(file, problem, locale));
	}
	return undefined;
}
