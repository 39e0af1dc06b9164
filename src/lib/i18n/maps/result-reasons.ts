// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Why a result was refused (src/lib/results/verdict-text.ts). */
export const RESULT_REASONS = /* @__PURE__ */ messageMap({
	results_reason_category_mismatch: m.results_reason_category_mismatch,
	results_reason_code_corrupted: m.results_reason_code_corrupted,
	results_reason_code_cut_off: m.results_reason_code_cut_off,
	results_reason_code_too_large: m.results_reason_code_too_large,
	results_reason_code_version: m.results_reason_code_version,
	results_reason_date_in_future: m.results_reason_date_in_future,
	results_reason_date_too_early: m.results_reason_date_too_early,
	results_reason_duplicate_batch: m.results_reason_duplicate_batch,
	results_reason_duplicate_stored: m.results_reason_duplicate_stored,
	results_reason_hash_mismatch: m.results_reason_hash_mismatch,
	results_reason_malformed: m.results_reason_malformed,
	results_reason_malformed_at: m.results_reason_malformed_at,
	results_reason_name_invalid: m.results_reason_name_invalid,
	results_reason_not_a_code: m.results_reason_not_a_code,
	results_reason_outcome_mismatch: m.results_reason_outcome_mismatch,
	results_reason_refused_action: m.results_reason_refused_action,
	results_reason_score_mismatch: m.results_reason_score_mismatch,
	results_reason_too_fast: m.results_reason_too_fast,
	results_reason_too_large: m.results_reason_too_large,
	results_reason_unfinished: m.results_reason_unfinished,
	results_reason_unknown_scenario: m.results_reason_unknown_scenario,
	results_reason_unknown_version: m.results_reason_unknown_version,
	results_reason_wrong_format: m.results_reason_wrong_format
});
