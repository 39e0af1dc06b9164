/**
 * The handbook's sections' titles and summaries in the current language, for links to them (the
 * debrief, the handbook's index). Apart from handbook-links.ts so that a term's link does not
 * download every title.
 */
import type { SectionId } from '$lib/engine/methodology';
import { textOf } from '$lib/i18n/message-map';
import { SECTION_TITLES } from '$lib/i18n/maps/section-titles';

/** A section's title in the current language: `sectionTitle('funnel')` → "The sales funnel…". */
export function sectionTitle(section: SectionId): string {
	return textOf(SECTION_TITLES, `hb_section_${section}_title`);
}

/** One sentence on what a section teaches, for the index and for links from the debrief. */
export function sectionSummary(section: SectionId): string {
	return textOf(SECTION_TITLES, `hb_section_${section}_summary`);
}
