/**
 * The library's filters, kept in the address so that a filtered list can be bookmarked, shared
 * and restored by the back button: `?difficulty=intro&language=zh-CN`.
 */
import { DIFFICULTIES, type DifficultyId } from '$lib/engine/methodology';
import { LOCALES, type ScenarioLocale } from '$lib/engine/scenario/format-names';
import type { Scenario } from '$lib/engine/scenario/schema';

export interface LibraryFilter {
	difficulty?: DifficultyId;
	language?: ScenarioLocale;
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
	return list.find((item) => item === value);
}

/** The filter an address asks for; unknown values are ignored. */
export function filterFromQuery(query: URLSearchParams): LibraryFilter {
	const difficulty = oneOf(DIFFICULTIES, query.get('difficulty'));
	const language = oneOf(LOCALES, query.get('language'));
	return { ...(difficulty ? { difficulty } : {}), ...(language ? { language } : {}) };
}

/** The query string of a filter, without the leading `?` (empty for no filter). */
export function queryOfFilter(filter: LibraryFilter): string {
	const query = new URLSearchParams();
	if (filter.difficulty) query.set('difficulty', filter.difficulty);
	if (filter.language) query.set('language', filter.language);
	return query.toString();
}

/** Whether a scenario passes the filter. */
export function matchesFilter(scenario: Scenario, filter: LibraryFilter): boolean {
	return (
		(!filter.difficulty || scenario.difficulty === filter.difficulty) &&
		(!filter.language || scenario.locale === filter.language)
	);
}
