// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Handbook chapters' titles and summaries, linked from the debrief (handbook-links.ts). */
export const SECTION_TITLES = /* @__PURE__ */ messageMap({
	hb_section_activities_summary: m.hb_section_activities_summary,
	hb_section_activities_title: m.hb_section_activities_title,
	hb_section_chart_summary: m.hb_section_chart_summary,
	hb_section_chart_title: m.hb_section_chart_title,
	hb_section_defaults_summary: m.hb_section_defaults_summary,
	hb_section_defaults_title: m.hb_section_defaults_title,
	hb_section_funnel_summary: m.hb_section_funnel_summary,
	hb_section_funnel_title: m.hb_section_funnel_title,
	hb_section_groups_summary: m.hb_section_groups_summary,
	hb_section_groups_title: m.hb_section_groups_title,
	hb_section_numbers_summary: m.hb_section_numbers_summary,
	hb_section_numbers_title: m.hb_section_numbers_title,
	hb_section_organization_summary: m.hb_section_organization_summary,
	hb_section_organization_title: m.hb_section_organization_title,
	hb_section_records_summary: m.hb_section_records_summary,
	hb_section_records_title: m.hb_section_records_title,
	hb_section_roles_summary: m.hb_section_roles_summary,
	hb_section_roles_title: m.hb_section_roles_title,
	hb_section_stages_summary: m.hb_section_stages_summary,
	hb_section_stages_title: m.hb_section_stages_title,
	hb_section_strategies_summary: m.hb_section_strategies_summary,
	hb_section_strategies_title: m.hb_section_strategies_title,
	hb_section_success_summary: m.hb_section_success_summary,
	hb_section_success_title: m.hb_section_success_title
});
