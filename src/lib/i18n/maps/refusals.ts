// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Why the engine refused an action (engine-text.ts). */
export const REFUSALS = /* @__PURE__ */ messageMap({
	refusal_already_decided: m.refusal_already_decided,
	refusal_decision_elsewhere: m.refusal_decision_elsewhere,
	refusal_decision_not_asked: m.refusal_decision_not_asked,
	refusal_duplicate_person: m.refusal_duplicate_person,
	refusal_empty_chart_entry: m.refusal_empty_chart_entry,
	refusal_ended: m.refusal_ended,
	refusal_hidden_person: m.refusal_hidden_person,
	refusal_invalid_action: m.refusal_invalid_action,
	refusal_needs_target: m.refusal_needs_target,
	refusal_no_money: m.refusal_no_money,
	refusal_no_strategy: m.refusal_no_strategy,
	refusal_no_weeks: m.refusal_no_weeks,
	refusal_option_not_offered: m.refusal_option_not_offered,
	refusal_same_strategy: m.refusal_same_strategy,
	refusal_too_many_people: m.refusal_too_many_people,
	refusal_unanswered_decision: m.refusal_unanswered_decision,
	refusal_unknown_decision: m.refusal_unknown_decision,
	refusal_unknown_option: m.refusal_unknown_option,
	refusal_unknown_person: m.refusal_unknown_person
});
