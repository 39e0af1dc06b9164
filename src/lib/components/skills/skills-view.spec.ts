import { describe, expect, it } from 'vitest';
import type { MemberRow } from '$lib/skills/aggregate';
import { decimal, percent, points, skillTableCsv } from './skills-view';

describe('numbers as the pages show them', () => {
	// [function, value, text]
	const cases: [string, (v: number) => string, number, string][] = [
		['points', points, 0.456, '46'],
		['points of nothing', points, NaN, '—'],
		['percent', percent, 0.9, '90%'],
		['decimal', decimal, 0.81, '0.810'],
		['decimal of nothing', decimal, NaN, '—']
	];
	it.each(cases)('%s', (_, format, value, text) => expect(format(value)).toBe(text));
});

describe('skillTableCsv', () => {
	const rows: MemberRow[] = [
		{
			playerId: 'p1',
			teamId: 't1',
			attempts: 3,
			levels: [0.333, 1, 0.5, 1, 1, 1, NaN, 1],
			stave: { skill: 'roles', level: 0.333, tied: ['roles'] }
		},
		{ playerId: 'p2', teamId: null, attempts: 1, levels: Array(8).fill(NaN), stave: undefined }
	];
	const names: Record<string, string> = { p1: '李娜', p2: '=HYPERLINK("x")' };
	const file = skillTableCsv(
		rows,
		(id) => names[id],
		(id) => (id === null ? 'No team' : '中心组'),
		['The whole class'],
		new Date(2026, 11, 6)
	);

	it('keeps Chinese, writes levels to the tenth, leaves what was not judged empty', () => {
		const lines = file.text.split('\r\n');
		expect(lines[0].startsWith('\uFEFFMember,Team,Results,Buying roles and the chart,')).toBe(true);
		expect(lines[1]).toBe('李娜,中心组,3,33.3,100,50,100,100,100,,100,Buying roles and the chart');
	});

	it('guards a formula in a name', () => {
		expect(file.text.split('\r\n')[2]).toBe(`"'=HYPERLINK(""x"")",No team,1,,,,,,,,,`);
	});

	it('names the file after the group and the day', () => {
		expect(file.name).toBe('skills-The-whole-class-2026-12-06.csv');
	});
});
