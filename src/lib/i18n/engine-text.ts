/**
 * The engine's codes and parameters (src/lib/engine/deal/types.ts) turned into sentences in
 * either language: refusals, red flags, scoring rules. Parameters that hold ids become names
 * and labels here, so the engine stays free of texts.
 */
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import type { Locale } from '../paraglide/runtime.js';
import type { Scenario } from '../engine/scenario/schema';
import type { Params, RedFlag, Refusal } from '../engine/deal/types';
import { findDecision } from '../engine/deal/deal-rules';
import { termLabel, type LabelKind } from './labels';
import { textOf } from './message-map';
import { money } from './money';
import { FLAGS } from './maps/flags';
import { REFUSALS } from './maps/refusals';
import { SEEN } from './maps/seen';

const TERM_PARAMS: Record<string, LabelKind> = {
	stage: 'stage',
	role: 'role',
	activity: 'activity',
	strategy: 'strategy',
	attitude: 'attitude',
	level: 'level',
	outcome: 'outcome',
	fit: 'fit',
	kind: 'intel_kind'
};

/** Names and labels for an engine code's parameters. */
export function readableParams(
	code: string,
	params: Params,
	scenario: Scenario,
	locale?: Locale
): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	const separator = (locale ?? 'en') === 'zh-CN' ? '、' : ', ';
	const personName = (id: string) => scenario.people.find((p) => p.id === id)?.name ?? id;
	for (const [key, value] of Object.entries(params)) {
		const kind = TERM_PARAMS[key];
		if (typeof value === 'number')
			out[key] = isMoney(code, key) ? money(value, scenario.deal.currency, locale) : value;
		else if (kind) out[key] = termLabel(kind, value, locale);
		else if (key === 'person') out[key] = personName(value);
		else if (key === 'people') out[key] = value.split(',').map(personName).join(separator);
		else if (key === 'kinds')
			out[key] = value
				.split(',')
				.map((k) => termLabel('intel_kind', k, locale))
				.join(separator);
		else if (key === 'best' || key === 'chosen')
			out[key] = termLabel(code.startsWith('strategy') ? 'strategy' : 'role', value, locale);
		else if (key === 'seen') out[key] = textOf(SEEN, `seen_${value}`, {}, locale);
		else if (key === 'intel') out[key] = scenario.intel.find((i) => i.id === value)?.text ?? value;
		else out[key] = value;
	}
	if (typeof params.withdrawal === 'number') {
		out.feedback = scenario.withdrawals[params.withdrawal]?.feedback ?? '';
	}
	if (typeof params.decision === 'string') {
		const decision = findDecision(scenario, params.decision)?.decision;
		const option = decision?.options.find((o) => o.id === params.option);
		out.prompt = decision?.prompt ?? String(params.decision);
		out.option = option?.text ?? String(params.option ?? '');
		out.feedback = option?.feedback ?? '';
	}
	return out;
}

/** Parameters that hold an amount of money: `money`, and a refusal's cost and what is left. */
function isMoney(code: string, key: string): boolean {
	return key === 'money' || (code === 'no-money' && (key === 'cost' || key === 'left'));
}

/** The message key of an engine code: `codeKey('flag', 'late-close')` → `flag_late_close`. */
export function codeKey(prefix: string, code: string): string {
	return `${prefix}_${code.replaceAll('-', '_')}`;
}

/** Why an action was refused, as the trainee reads it. */
export function refusalText(refusal: Refusal, scenario: Scenario, locale?: Locale): string {
	return textOf(
		REFUSALS,
		codeKey('refusal', refusal.code),
		readableParams(refusal.code, refusal.params, scenario, locale),
		locale
	);
}

/** A red flag, as a coach would say it. */
export function flagText(flag: RedFlag, scenario: Scenario, locale?: Locale): string {
	return textOf(
		FLAGS,
		codeKey('flag', flag.code),
		readableParams(flag.code, flag.params, scenario, locale),
		locale
	);
}
