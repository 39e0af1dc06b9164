import { describe, expect, it } from 'vitest';
import { testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { readableParams } from './engine-text';

describe('readableParams: money in the deal’s currency', () => {
	const scenario = { ...testScenario, deal: { ...testScenario.deal, currency: 'USD' } };
	it.each([
		['resources-low', { money: 4400, weeks: 10 }, 'en', { money: '$4,400', weeks: 10 }],
		['no-money', { cost: 5000, left: 1200 }, 'en', { cost: '$5,000', left: '$1,200' }],
		['no-weeks', { cost: 3, left: 1 }, 'en', { cost: 3, left: 1 }],
		['resources-low', { money: 4400, weeks: 10 }, 'zh-CN', { money: 'US$4,400', weeks: 10 }]
	] as const)('%s %j (%s)', (code, params, locale, expected) => {
		expect(readableParams(code, params, scenario, locale)).toEqual(expected);
	});
});
