/** Reading a scenario file for the command line, with the validator's messages on failure. */
import { readFile } from 'node:fs/promises';
import { scenarioSchema, type Scenario } from '../../src/lib/engine/scenario/schema';

// TODO(lead): switch to the validator's parseScenario once it lands, for trainer messages.
export async function loadScenarioFile(file: string): Promise<Scenario | undefined> {
	let value: unknown;
	try {
		value = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		console.error(`${file}: ${(error as Error).message}`);
		return undefined;
	}
	const parsed = scenarioSchema.safeParse(value);
	if (!parsed.success) {
		for (const issue of parsed.error.issues)
			console.error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
		return undefined;
	}
	return parsed.data;
}
