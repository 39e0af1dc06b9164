// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Labels of the terms the home page and the key-people picture name (deal-labels.ts, `dealLabel`), apart from LABELS so that those pages do not carry every term. */
export const DEAL_LABELS = /* @__PURE__ */ messageMap({
	department_finance: m.department_finance,
	department_leadership: m.department_leadership,
	department_procurement: m.department_procurement,
	department_technical: m.department_technical,
	department_user: m.department_user,
	difficulty_expert: m.difficulty_expert,
	difficulty_intro: m.difficulty_intro,
	difficulty_standard: m.difficulty_standard,
	outcome_lost: m.outcome_lost,
	outcome_withdrawn: m.outcome_withdrawn,
	outcome_won: m.outcome_won,
	role_decision_maker: m.role_decision_maker,
	role_designer: m.role_designer,
	role_evaluator: m.role_evaluator,
	role_initiator: m.role_initiator,
	role_user: m.role_user,
	stage_commitment: m.stage_commitment,
	stage_discover_needs: m.stage_discover_needs,
	stage_evaluation: m.stage_evaluation,
	stage_implementation: m.stage_implementation,
	stage_internal_deliberation: m.stage_internal_deliberation,
	stage_system_design: m.stage_system_design
});
