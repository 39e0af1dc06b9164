/**
 * A verification verdict in words, in either language: the import page shows it and the command
 * line prints it (in English), so both say the same thing about the same file.
 */
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import type { RefusedVerdict } from '../engine/results/verify-attempt';
import { problemMessage } from '../engine/scenario/problem-messages';
import { refusalText } from '../i18n/engine-text';
import { termLabel } from '../i18n/labels';
import { textOf } from '../i18n/message-map';
import { RESULT_REASONS } from '../i18n/maps/result-reasons';
import type { Locale } from '../paraglide/runtime.js';

function text(key: string, inputs: Record<string, string | number>, locale?: Locale): string {
	return textOf(RESULT_REASONS, key, inputs, locale);
}

/**
 * Why a result was refused, as a trainer reads it:
 * `refusalReason({ reason: 'score-mismatch', params: { claimed: 99, recomputed: 83.5 } }, 'en')` →
 * "The file claims a score of 99, but the replay gives 83.5."
 */
export function refusalReason(verdict: RefusedVerdict, locale?: Locale): string {
	const { reason, params } = verdict;
	const key = `results_reason_${reason.replaceAll('-', '_')}`;
	switch (reason) {
		case 'malformed':
		case 'wrong-format': {
			const problem = verdict.problems?.[0];
			if (!problem) return text(key, { problem: '' }, locale).replace(/[:：]\s*$/, '.');
			const said = problemMessage(problem, locale === 'zh-CN' ? 'zh-CN' : 'en');
			// A syntax error needs its line and column; a field's problem is named by its path.
			const syntax = problem.code.startsWith('json-');
			if (reason === 'malformed' && syntax)
				return text(
					'results_reason_malformed_at',
					{ line: problem.line, column: problem.column, problem: said },
					locale
				);
			const where = problem.pathText ? `${problem.pathText}: ` : '';
			return text(key, { problem: `${where}${said}` }, locale);
		}
		case 'refused-action': {
			const refused = verdict.refusedAction;
			const why =
				refused && verdict.scenario
					? refusalText(refused.refusal, verdict.scenario.scenario, locale)
					: String(params.refusal);
			return text(key, { number: Number(params.index) + 1, reason: why }, locale);
		}
		case 'outcome-mismatch':
			return text(
				key,
				{
					claimed: termLabel('outcome', String(params.claimed), locale),
					recomputed: termLabel('outcome', String(params.recomputed), locale)
				},
				locale
			);
		case 'category-mismatch':
			return text(
				key,
				{ ...params, category: termLabel('category', String(params.category), locale) },
				locale
			);
		case 'duplicate':
			return params.of === 'batch'
				? text('results_reason_duplicate_batch', params, locale)
				: text('results_reason_duplicate_stored', params, locale);
		default:
			return text(key, params, locale);
	}
}
