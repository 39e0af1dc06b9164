/**
 * Where a studio try-out starts, as the address says it (`/trainer/scenarios/<draft>/try?…`):
 * after a check's path (`check=0&stage=evaluation`), or on a path played for chosen facts
 * (`stage=system-design&variant=grant-locked&strategy=farming&intel=clause&option=specs/withdraw`,
 * fact-path.ts). The form on the draft page writes these parameters; the try-out page reads them.
 */
import { STAGES, STRATEGIES, type StageId, type StrategyId } from '$lib/engine/methodology';
import type { TryFacts } from './fact-path';

export type TryStart =
	| { kind: 'check'; check: number; stage: StageId }
	| { kind: 'facts'; stage: StageId; facts: TryFacts };

const isStage = (value: string | null): value is StageId =>
	value !== null && (STAGES as readonly string[]).includes(value);
const isStrategy = (value: string | null): value is StrategyId =>
	value !== null && (STRATEGIES as readonly string[]).includes(value);

/** The start a try-out's address asks for; undefined for a plain start at the beginning. */
export function readTryStart(params: URLSearchParams): TryStart | undefined {
	const stageParam = params.get('stage');
	const stage = isStage(stageParam) ? stageParam : STAGES[0];
	const checkParam = params.get('check');
	if (checkParam) {
		const check = Number(checkParam);
		if (Number.isInteger(check) && check >= 0) return { kind: 'check', check, stage };
	}
	const facts: TryFacts = {};
	const variant = params.get('variant');
	if (variant) facts.variant = variant;
	const strategy = params.get('strategy');
	if (isStrategy(strategy)) facts.strategy = strategy;
	const intel = params.getAll('intel').filter(Boolean);
	if (intel.length) facts.intel = intel;
	const options = Object.fromEntries(
		params
			.getAll('option')
			.map((pair) => pair.split('/'))
			.filter((pair): pair is [string, string] => pair.length === 2 && !!pair[0] && !!pair[1])
	);
	if (Object.keys(options).length) facts.options = options;
	if (stage === STAGES[0] && Object.keys(facts).length === 0) return undefined;
	return { kind: 'facts', stage, facts };
}

/** The value an option's select sends: `decision/option`. */
export function optionParam(decision: string, option: string): string {
	return `${decision}/${option}`;
}
