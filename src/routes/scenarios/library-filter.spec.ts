import { describe, expect, it } from 'vitest';
import { testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import {
	filterFromQuery,
	matchesFilter,
	queryOfFilter,
	type LibraryFilter
} from './library-filter';

describe('filterFromQuery', () => {
	it.each<[string, LibraryFilter]>([
		['', {}],
		['?difficulty=intro', { difficulty: 'intro' }],
		['?language=zh-CN', { language: 'zh-CN' }],
		['?difficulty=expert&language=en', { difficulty: 'expert', language: 'en' }],
		['?difficulty=hard&language=fr', {}],
		['?difficulty=INTRO', {}],
		['?language=zh-CN&other=1', { language: 'zh-CN' }]
	])('%j → %j', (query, filter) =>
		expect(filterFromQuery(new URLSearchParams(query))).toEqual(filter)
	);
});

describe('queryOfFilter', () => {
	it.each<[LibraryFilter, string]>([
		[{}, ''],
		[{ difficulty: 'standard' }, 'difficulty=standard'],
		[{ difficulty: 'intro', language: 'zh-CN' }, 'difficulty=intro&language=zh-CN']
	])('%j → %j', (filter, query) => {
		expect(queryOfFilter(filter)).toBe(query);
		expect(filterFromQuery(new URLSearchParams(query))).toEqual(filter);
	});
});

describe('matchesFilter', () => {
	// The test scenario is a standard one in English.
	it.each<[LibraryFilter, boolean]>([
		[{}, true],
		[{ difficulty: 'standard' }, true],
		[{ difficulty: 'intro' }, false],
		[{ language: 'en' }, true],
		[{ language: 'zh-CN' }, false],
		[{ difficulty: 'standard', language: 'en' }, true],
		[{ difficulty: 'standard', language: 'zh-CN' }, false]
	])('%j → %s', (filter, expected) => expect(matchesFilter(testScenario, filter)).toBe(expected));
});
