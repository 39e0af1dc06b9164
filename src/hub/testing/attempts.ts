/**
 * Honest attempt files for the hub's tests and benchmark: the test scenario of the engine's
 * fixtures, played along its model and naive paths by the engine itself, exported as a trainee's
 * download would be (src/lib/db/attempt-format.ts).
 */
import {
	modelPath,
	naivePath,
	testScenarioInput
} from '../../lib/engine/deal/fixtures/test-scenario';
import { replay } from '../../lib/engine/deal/replay';
import { RULES_VERSION } from '../../lib/engine/methodology';
import { parseScenario } from '../../lib/engine/scenario/parse-scenario';
import { resultFromReport, toExportedAttempt } from '../../lib/db/attempt-format';
import type { Attempt } from '../../lib/db/records';
import type { Mode } from '../../lib/engine/scenario/schema';
import {
	actionsSchema,
	type Action,
	type ExportedAttempt,
	type Scenario
} from '../../lib/engine/scenario/schema';

/** The test scenario's file, as a trainer would publish it to a class. */
export const TEST_SCENARIO_TEXT = JSON.stringify(testScenarioInput, null, 2);

export interface PlayedScenario {
	scenario: Scenario;
	hash: string;
}

export async function testScenario(): Promise<PlayedScenario> {
	const parsed = await parseScenario(TEST_SCENARIO_TEXT);
	if (!parsed.ok) throw new Error(parsed.errors.map((p) => p.message).join('\n'));
	return { scenario: parsed.scenario, hash: parsed.hash };
}

export const PATHS = {
	model: actionsSchema.parse(modelPath),
	naive: actionsSchema.parse(naivePath)
} as const;

export interface AttemptOptions {
	player: string;
	team?: string;
	mode?: Mode;
	path?: keyof typeof PATHS | Action[];
	/** When it finished (ms); it started 40 minutes before. */
	finishedAt?: number;
	/** The deal it was drawn from (default 0). */
	seed?: number;
}

/** An honest attempt file: the engine's own replay of the actions, with its real result. */
export function honestAttempt(played: PlayedScenario, options: AttemptOptions): ExportedAttempt {
	const actions = typeof options.path === 'object' ? options.path : PATHS[options.path ?? 'model'];
	const seed = options.seed ?? 0;
	const result = replay(played.scenario, actions, {
		seed,
		rules: RULES_VERSION,
		keepStates: false
	});
	if (!result.outcome) throw new Error('These actions do not finish the deal.');
	const finishedAt = options.finishedAt ?? Date.UTC(2026, 10, 28, 9, 41);
	// Exported by the app's own function, from the fields it reads.
	const stored = {
		scenarioId: played.scenario.id,
		scenarioVersion: played.scenario.version,
		scenarioHash: played.hash,
		playerName: options.player,
		teamName: options.team ?? null,
		mode: options.mode ?? 'assessment',
		seed,
		rules: RULES_VERSION,
		startedAt: finishedAt - 40 * 60_000,
		finishedAt,
		actions,
		result: resultFromReport(result.outcome, result.score)
	} satisfies Partial<Attempt>;
	return toExportedAttempt(stored as Attempt);
}
