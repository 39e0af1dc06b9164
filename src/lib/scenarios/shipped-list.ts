/**
 * The shipped scenarios offered for play, as a list needs them (id, version, title, language,
 * difficulty, content hash), from the build (scripts/shipped-scenarios-plugin.ts): no scenario
 * file is downloaded. Apart from catalogue.ts so that a page playing one scenario does not
 * download the list.
 */
import type { DifficultyId } from '$lib/engine/methodology';

/** The little a list needs of a shipped file, from the build. */
export interface ShippedSummary {
	id: string;
	version: number;
	title: string;
	locale: string;
	difficulty: DifficultyId;
	hash: string;
}

const shippedSummaries = import.meta.glob('/scenarios/*.json', {
	query: '?summary',
	import: 'default',
	eager: true
}) as Record<string, ShippedSummary>;

/**
 * The shipped scenarios offered for play, from the build's summaries (no scenario downloaded),
 * by title.
 */
export function shippedList(): ShippedSummary[] {
	return Object.values(shippedSummaries).sort((a, b) => a.title.localeCompare(b.title));
}
