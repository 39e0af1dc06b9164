import { describe, expect, it } from 'vitest';
import {
	ACTIVITIES,
	DEFAULT_METHODOLOGY,
	STAGES,
	customerGroup,
	nextStage,
	stageIndex
} from './methodology';

describe('customerGroup', () => {
	it.each([
		[0, 'growth'],
		[0.04, 'growth'],
		[0.0999, 'growth'],
		[0.1, 'development'],
		[0.3, 'development'],
		[0.31, 'consolidation'],
		[1, 'consolidation']
	] as const)('share %s is the %s zone', (share, group) => {
		expect(customerGroup(share)).toBe(group);
	});
});

describe('stages', () => {
	it('run in the course order', () => {
		expect(STAGES.map((stage) => stageIndex(stage))).toEqual([0, 1, 2, 3, 4, 5]);
		expect(nextStage('discover-needs')).toBe('internal-deliberation');
		expect(nextStage('implementation')).toBeUndefined();
	});
});

describe('the default methodology (§12)', () => {
	it('has a fit for every activity in every stage', () => {
		for (const activity of ACTIVITIES) {
			expect(Object.keys(DEFAULT_METHODOLOGY.fit[activity]).sort()).toEqual([...STAGES].sort());
		}
	});

	it.each([
		['trade-show', 'discover-needs', 'good'],
		['trade-show', 'internal-deliberation', 'poor'],
		['technical-exchange', 'system-design', 'good'],
		['testing-samples', 'evaluation', 'good'],
		['visit', 'commitment', 'good'],
		['gift', 'internal-deliberation', 'fair'],
		['site-visit', 'evaluation', 'good'],
		['business-event', 'commitment', 'good'],
		['telephone', 'implementation', 'good'],
		['telephone', 'evaluation', 'poor']
	] as const)('%s in %s is %s', (activity, stage, fit) => {
		expect(DEFAULT_METHODOLOGY.fit[activity][stage]).toBe(fit);
	});

	it('funnel rates rise stage by stage to certainty', () => {
		const rates = STAGES.map((stage) => DEFAULT_METHODOLOGY.funnel[stage]);
		expect(rates).toEqual([0.1, 0.25, 0.4, 0.6, 0.9, 1]);
	});
});
