import { describe, expect, it } from 'vitest';
import { DEFAULT_METHODOLOGY } from '$lib/engine/methodology';
import type { ForecastColumns, ForecastPair } from './aggregate';
import { brier, forecastsOf, funnelReport, reliabilityBins } from './calibration';

function columns(pairs: ForecastPair[]): ForecastColumns {
	return {
		p: pairs.map((x) => x.p),
		o: pairs.map((x) => x.o),
		stage: pairs.map((x) => x.stage),
		week: pairs.map((x) => x.week)
	};
}

const pair = (p: number, o: 0 | 1, stage = 0, week = 0): ForecastPair => ({ p, o, stage, week });

describe('brier', () => {
	// [name, pairs, score, reliability, resolution, uncertainty, bias]
	const cases: [string, ForecastPair[], number, number, number, number, number][] = [
		['certain and right', [pair(1, 1), pair(0, 0)], 0, 0, 0.25, 0.25, 0],
		['certain and wrong', [pair(1, 0), pair(0, 1)], 1, 1, 0.25, 0.25, 0],
		['the base rate every time', [pair(0.5, 1), pair(0.5, 0)], 0.25, 0, 0, 0.25, 0],
		// An over-confident forecaster: 90 % on deals won one time in four.
		[
			'over-confident',
			[pair(0.9, 1), pair(0.9, 0), pair(0.9, 0), pair(0.9, 0)],
			0.61,
			0.4225,
			0,
			0.1875,
			0.65
		]
	];
	it.each(cases)('%s', (_, pairs, score, reliability, resolution, uncertainty, bias) => {
		const b = brier(pairs);
		expect(b.score).toBeCloseTo(score, 9);
		expect(b.reliability).toBeCloseTo(reliability, 9);
		expect(b.resolution).toBeCloseTo(resolution, 9);
		expect(b.uncertainty).toBeCloseTo(uncertainty, 9);
		expect(b.bias).toBeCloseTo(bias, 9);
	});

	it('decomposes exactly for whole-percent forecasts', () => {
		const pairs: ForecastPair[] = [];
		for (let i = 0; i < 200; i++)
			pairs.push(pair(((i * 37) % 101) / 100, (i * 7) % 3 === 0 ? 1 : 0));
		const b = brier(pairs);
		expect(b.reliability - b.resolution + b.uncertainty).toBeCloseTo(b.score, 12);
	});

	it('is NaN with no forecast', () => {
		expect(brier([]).score).toBeNaN();
		expect(brier([]).count).toBe(0);
	});
});

describe('reliabilityBins', () => {
	it('puts each forecast in its tenth, 1 in the last', () => {
		const bins = reliabilityBins([
			pair(0.05, 0),
			pair(0.95, 1),
			pair(1, 0),
			pair(0.3, 1),
			pair(0.39, 0)
		]);
		expect(bins).toHaveLength(10);
		expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 0, 2]);
		expect(bins[9].observed).toBe(0.5);
		expect(bins[9].forecast).toBeCloseTo(0.975, 9);
		expect(bins[3].forecast).toBeCloseTo(0.345, 9);
		expect(bins[1].observed).toBeNaN();
	});
});

describe('funnelReport', () => {
	const rates = DEFAULT_METHODOLOGY.funnel;
	it("works the course's funnel on a pipeline of attempts", () => {
		const player = {
			pipeline: [
				{ reached: 5, won: true, week: 0 },
				{ reached: 4, won: false, week: 0 },
				{ reached: 1, won: false, week: 0 },
				{ reached: 0, won: false, week: 0 }
			],
			forecasts: columns([pair(0.8, 1, 0), pair(0.6, 0, 0), pair(0.9, 0, 4)])
		};
		const report = funnelReport([player], rates);
		expect(report.attempts).toBe(4);
		expect(report.wins).toBe(1);
		expect(report.stages.map((s) => [s.reached, s.won])).toEqual([
			[4, 1],
			[3, 1],
			[2, 1],
			[2, 1],
			[2, 1],
			[1, 1]
		]);
		expect(report.stages[0].observed).toBe(0.25);
		expect(report.stages[0].expected).toBeCloseTo(0.4, 9);
		expect(report.stages[4].expected).toBeCloseTo(1.8, 9);
		expect(report.stages[0].forecast).toBeCloseTo(0.7, 9);
		expect(report.stages[4].forecast).toBe(0.9);
		expect(report.stages[2].forecast).toBeNaN();
		expect(report.stages[5].forecasts).toBe(0);
	});
});

describe('forecastsOf', () => {
	it('takes every forecast, or one week', () => {
		const players = [
			{ forecasts: columns([pair(0.1, 0, 0, 1), pair(0.2, 0, 0, 2)]) },
			{ forecasts: columns([pair(0.3, 1, 3, 2)]) }
		];
		expect(forecastsOf(players)).toEqual([
			pair(0.1, 0, 0, 1),
			pair(0.2, 0, 0, 2),
			pair(0.3, 1, 3, 2)
		]);
		expect(forecastsOf(players, 2).map((p) => p.p)).toEqual([0.2, 0.3]);
	});
});
