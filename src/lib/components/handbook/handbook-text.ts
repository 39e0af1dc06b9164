import { textOf } from '$lib/i18n/message-map';
import { HANDBOOK } from '$lib/i18n/maps/handbook';

// Links, titles and number formats, without the handbook's paragraphs (handbook-links.ts,
// handbook-titles.ts): code outside the handbook's pages imports them from there, so that a page
// linking to the handbook does not download every paragraph of it.
export { formatNumber, formatPercent, formatSigned, handbookHref, keyPart } from './handbook-links';
export { sectionSummary, sectionTitle } from './handbook-titles';

/**
 * A handbook message picked by a key built from a methodology id, such as
 * `hb_role_decision_maker_body`. Every such key is checked in both catalogues by
 * handbook-text.spec.ts, so the key itself showing up on a page is a bug the spec catches first.
 * Only the handbook's pages use it: every `hb_` message is in its map (src/lib/i18n/maps/handbook.ts).
 */
export function handbookText(key: string, inputs?: Record<string, string | number>): string {
	return textOf(HANDBOOK, key, inputs);
}
