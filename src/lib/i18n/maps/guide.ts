// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** The first-play guide's steps and its chart sample (FirstPlayGuide.svelte). */
export const GUIDE = /* @__PURE__ */ messageMap({
	guide_activities_body: m.guide_activities_body,
	guide_activities_tip: m.guide_activities_tip,
	guide_activities_title: m.guide_activities_title,
	guide_back: m.guide_back,
	guide_chart_body: m.guide_chart_body,
	guide_chart_sample: m.guide_chart_sample,
	guide_chart_tip: m.guide_chart_tip,
	guide_chart_title: m.guide_chart_title,
	guide_done: m.guide_done,
	guide_next: m.guide_next,
	guide_skip: m.guide_skip,
	guide_stages_body: m.guide_stages_body,
	guide_stages_tip: m.guide_stages_tip,
	guide_stages_title: m.guide_stages_title,
	guide_step: m.guide_step,
	guide_title: m.guide_title,
	hb_chart_ex_chen_name: m.hb_chart_ex_chen_name,
	hb_chart_ex_chen_title: m.hb_chart_ex_chen_title,
	hb_chart_ex_li_name: m.hb_chart_ex_li_name,
	hb_chart_ex_li_title: m.hb_chart_ex_li_title,
	hb_chart_ex_sun_name: m.hb_chart_ex_sun_name,
	hb_chart_ex_sun_title: m.hb_chart_ex_sun_title,
	hb_chart_ex_wang_name: m.hb_chart_ex_wang_name,
	hb_chart_ex_wang_title: m.hb_chart_ex_wang_title,
	hb_chart_ex_zhang_name: m.hb_chart_ex_zhang_name,
	hb_chart_ex_zhang_title: m.hb_chart_ex_zhang_title,
	hb_chart_ex_zhao_name: m.hb_chart_ex_zhao_name,
	hb_chart_ex_zhao_title: m.hb_chart_ex_zhao_title
});
