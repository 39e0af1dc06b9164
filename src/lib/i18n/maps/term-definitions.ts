// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** A term's short definition (src/lib/components/term/term-text.ts). */
export const TERM_DEFINITIONS = /* @__PURE__ */ messageMap({
	term_activity_business_event: m.term_activity_business_event,
	term_activity_gift: m.term_activity_gift,
	term_activity_site_visit: m.term_activity_site_visit,
	term_activity_technical_exchange: m.term_activity_technical_exchange,
	term_activity_telephone: m.term_activity_telephone,
	term_activity_testing_samples: m.term_activity_testing_samples,
	term_activity_trade_show: m.term_activity_trade_show,
	term_activity_visit: m.term_activity_visit,
	term_attitude_neutral: m.term_attitude_neutral,
	term_attitude_opponent: m.term_attitude_opponent,
	term_attitude_supporter: m.term_attitude_supporter,
	term_contact_close: m.term_contact_close,
	term_contact_distant: m.term_contact_distant,
	term_contact_frequent: m.term_contact_frequent,
	term_contact_none: m.term_contact_none,
	term_department_finance: m.term_department_finance,
	term_department_leadership: m.term_department_leadership,
	term_department_procurement: m.term_department_procurement,
	term_department_technical: m.term_department_technical,
	term_department_user: m.term_department_user,
	term_group_consolidation: m.term_group_consolidation,
	term_group_development: m.term_group_development,
	term_group_growth: m.term_group_growth,
	term_level_decision: m.term_level_decision,
	term_level_management: m.term_level_management,
	term_level_operational: m.term_level_operational,
	term_role_decision_maker: m.term_role_decision_maker,
	term_role_designer: m.term_role_designer,
	term_role_evaluator: m.term_role_evaluator,
	term_role_initiator: m.term_role_initiator,
	term_role_user: m.term_role_user,
	term_stage_commitment: m.term_stage_commitment,
	term_stage_discover_needs: m.term_stage_discover_needs,
	term_stage_evaluation: m.term_stage_evaluation,
	term_stage_implementation: m.term_stage_implementation,
	term_stage_internal_deliberation: m.term_stage_internal_deliberation,
	term_stage_system_design: m.term_stage_system_design,
	term_strategy_farming: m.term_strategy_farming,
	term_strategy_hunting: m.term_strategy_hunting,
	term_strategy_partnership: m.term_strategy_partnership
});
