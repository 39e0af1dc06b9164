// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Red flags (engine-text.ts). */
export const FLAGS = /* @__PURE__ */ messageMap({
	flag_chart_contradiction: m.flag_chart_contradiction,
	flag_compliance_risk: m.flag_compliance_risk,
	flag_deliberation_intel_missing: m.flag_deliberation_intel_missing,
	flag_dm_not_contacted: m.flag_dm_not_contacted,
	flag_no_designer_supporter: m.flag_no_designer_supporter,
	flag_opponent_left_alone: m.flag_opponent_left_alone,
	flag_resources_low: m.flag_resources_low
});
