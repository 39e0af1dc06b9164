/** Reading a scenario file for the command line, with the validator's messages on failure. */
import { readFile } from 'node:fs/promises';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import type { Scenario } from '../../src/lib/engine/scenario/schema';

/** The scenario in `file`, or undefined after printing every problem with its place. */
export async function loadScenarioFile(file: string): Promise<Scenario | undefined> {
	return (await loadScenarioWithHash(file))?.scenario;
}

/** The scenario in `file` with its content hash, or undefined after printing every problem. */
export async function loadScenarioWithHash(
	file: string
): Promise<{ scenario: Scenario; hash: string } | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		console.error(`${file}: cannot read it: ${(error as Error).message}`);
		return undefined;
	}
	const parsed = await parseScenario(text);
	if (parsed.ok) return { scenario: parsed.scenario, hash: parsed.hash };
	for (const problem of [...parsed.errors, ...parsed.warnings]) {
		console.error(
			`${file}:${problem.line}:${problem.column}  ${problem.severity}  ${problem.pathText}  ${problem.message}`
		);
	}
	return undefined;
}
