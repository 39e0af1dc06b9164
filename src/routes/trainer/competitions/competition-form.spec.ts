import { describe, expect, it } from 'vitest';
import { checkCompetition, type CompetitionFields, type FieldProblem } from './competition-form';

const base: CompetitionFields = {
	name: 'Spring cup',
	scenarios: ['city-hospital-his@1'],
	from: '2026-11-28T09:00',
	to: '2026-11-28T12:00',
	seed: ''
};

describe('checkCompetition', () => {
	it('turns the fields into a competition (local times, exact versions)', () => {
		expect(
			checkCompetition({ ...base, scenarios: ['city-hospital-his@1', 'zh-grid@2', 'zh-grid@2'] })
		).toEqual({
			ok: true,
			competition: {
				name: 'Spring cup',
				scenarios: [
					{ id: 'city-hospital-his', version: 1 },
					{ id: 'zh-grid', version: 2 }
				],
				from: new Date(2026, 10, 28, 9).getTime(),
				to: new Date(2026, 10, 28, 12).getTime()
			}
		});
		expect(checkCompetition({ ...base, from: '', to: '' })).toMatchObject({
			ok: true,
			competition: { from: null, to: null }
		});
	});

	it('takes a deal number as the seed, and leaves it out when empty (storage draws one)', () => {
		expect(checkCompetition({ ...base, seed: ' 0 ' })).toMatchObject({
			ok: true,
			competition: { seed: 0 }
		});
		expect(checkCompetition({ ...base, seed: '4294967295' })).toMatchObject({
			ok: true,
			competition: { seed: 4294967295 }
		});
		const drawn = checkCompetition({ ...base, seed: '  ' });
		expect(drawn.ok && 'seed' in drawn.competition).toBe(false);
	});

	it.each<[string, Partial<CompetitionFields>, FieldProblem[]]>([
		['no name', { name: '   ' }, ['name-empty']],
		['a long name', { name: 'x'.repeat(81) }, ['name-long']],
		['no scenario', { scenarios: [] }, ['scenarios-none']],
		['an end before the start', { to: '2026-11-28T08:00' }, ['window']],
		['an end equal to the start', { to: '2026-11-28T09:00' }, ['window']],
		['a half-typed time', { from: '2026-11-28' }, ['from-incomplete']],
		['a negative deal number', { seed: '-1' }, ['seed']],
		['a deal number with decimals', { seed: '7.5' }, ['seed']],
		['a deal number beyond 32 bits', { seed: '4294967296' }, ['seed']],
		['a deal number in words', { seed: 'seven' }, ['seed']],
		[
			'several at once',
			{ name: '', scenarios: [], to: '2026-13-01T00:00' },
			['name-empty', 'scenarios-none', 'to-incomplete']
		]
	])('refuses %s', (_, change, problems) => {
		expect(checkCompetition({ ...base, ...change })).toEqual({ ok: false, problems });
	});
});
