/**
 * The score's explanations: a scoring rule's and an outcome factor's sentence, for the debrief.
 * Apart from engine-text.ts (refusals and red flags, which the play page shows) so that the play
 * page does not download every rule's sentence.
 */
import type { Locale } from '../paraglide/runtime.js';
import type { Scenario } from '../engine/scenario/schema';
import type { RuleResult } from '../engine/deal/types';
import { codeKey, readableParams } from './engine-text';
import { textOf } from './message-map';
import { FACTORS } from './maps/factors';
import { RULES } from './maps/rules';

/** Why the total keeps the share it does of the method's points (rules 2): `factor_<code>`. */
export function factorText(factor: { code: string }, locale?: Locale): string {
	return textOf(FACTORS, codeKey('factor', factor.code.replace(/^factor-/, '')), {}, locale);
}

/** A scoring rule's explanation. */
export function ruleText(rule: RuleResult, scenario: Scenario, locale?: Locale): string {
	return textOf(
		RULES,
		codeKey('rule', rule.code),
		readableParams(rule.code, rule.params, scenario, locale),
		locale
	);
}
