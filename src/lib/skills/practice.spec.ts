import { describe, expect, it } from 'vitest';
import { DEFAULT_METHODOLOGY } from '$lib/engine/methodology';
import { choosePractice, emphasis, type PracticeCandidate } from './practice';

const base = DEFAULT_METHODOLOGY.weights;
const c = (id: string, version: number, weights: Partial<typeof base>): PracticeCandidate => ({
	id,
	version,
	weights: { ...base, ...weights }
});

describe('choosePractice', () => {
	const intelHeavy = c('intel-heavy', 1, { intel: 40 });
	const plain = c('plain', 1, {});
	const noIntel = c('no-intel', 1, { intel: 0 });
	// [name, skill, candidates, plays, chosen]
	const cases: [
		string,
		Parameters<typeof choosePractice>[0],
		PracticeCandidate[],
		[string, number][],
		string | undefined
	][] = [
		['the largest share of the skill', 'intel', [plain, intelHeavy, noIntel], [], 'intel-heavy'],
		[
			'an equal share: the one played least',
			'roles',
			[c('a', 1, {}), c('b', 1, {})],
			[['a', 3]],
			'b'
		],
		['equal shares and plays: by id', 'roles', [c('b', 1, {}), c('a', 1, {})], [], 'a'],
		['one id: the newest version', 'roles', [c('a', 1, {}), c('a', 2, {})], [], 'a@2'],
		['never a scenario that does not judge it', 'intel', [noIntel], [], undefined],
		['no scenario', 'roles', [], [], undefined]
	];
	it.each(cases)('%s', (_, skill, candidates, plays, chosen) => {
		const got = choosePractice(skill, candidates, new Map(plays));
		const label =
			got &&
			(candidates.filter((x) => x.id === got.id).length > 1 ? `${got.id}@${got.version}` : got.id);
		expect(label).toBe(chosen);
	});
	it('measures emphasis as a share of the score', () => {
		expect(emphasis({ ...base }, 'roles')).toBeCloseTo(0.25, 9);
		expect(emphasis({ ...base, intel: 0 }, 'intel')).toBe(0);
	});
});
