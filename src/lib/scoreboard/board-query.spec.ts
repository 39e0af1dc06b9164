import { describe, expect, it } from 'vitest';
import {
	DEFAULT_QUERY,
	formatLocalDateTime,
	paramsOfQuery,
	parseLocalDateTime,
	queryFromParams,
	type BoardQuery
} from './board-query';

describe('board query in the address', () => {
	it.each<[string, string, BoardQuery]>([
		['nothing: the defaults', '', DEFAULT_QUERY],
		[
			'a team board of one version this week',
			'view=team&scenario=city-hospital-his&version=2&period=week',
			{
				view: 'team',
				competitionId: null,
				scenario: { id: 'city-hospital-his', version: 2 },
				period: { kind: 'week' }
			}
		],
		[
			'a competition',
			'view=competition&competition=c1',
			{ ...DEFAULT_QUERY, view: 'competition', competitionId: 'c1' }
		],
		[
			'a custom period',
			'period=custom&from=2026-11-28T09:00&to=2026-11-28T17:30',
			{
				...DEFAULT_QUERY,
				period: {
					kind: 'custom',
					from: new Date(2026, 10, 28, 9).getTime(),
					to: new Date(2026, 10, 28, 17, 30).getTime()
				}
			}
		]
	])('%s', (_, text, query) => {
		expect(queryFromParams(new URLSearchParams(text))).toEqual(query);
		expect(paramsOfQuery(query)).toBe(text);
	});

	it.each([
		['view=nonsense', DEFAULT_QUERY],
		['scenario=x&version=0', DEFAULT_QUERY],
		['scenario=x&version=1.5', DEFAULT_QUERY],
		['period=forever', DEFAULT_QUERY],
		[
			'period=custom&from=2026-02-31T09:00',
			{ ...DEFAULT_QUERY, period: { kind: 'custom', from: null, to: null } }
		]
	] as const)('ignores what it cannot read: %s', (text, query) => {
		expect(queryFromParams(new URLSearchParams(text))).toEqual(query);
	});

	it('reads back the local times it writes', () => {
		const time = new Date(2026, 0, 5, 7, 3).getTime();
		expect(formatLocalDateTime(time)).toBe('2026-01-05T07:03');
		expect(parseLocalDateTime(formatLocalDateTime(time))).toBe(time);
		expect(parseLocalDateTime('yesterday')).toBeNull();
	});
});
