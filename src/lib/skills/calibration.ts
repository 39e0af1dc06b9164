/**
 * Forecast calibration across attempts, the funnel way (issue 19; methodology §9).
 *
 * In each stage the trainee forecasts the deal's win probability; across many deals, the deals
 * forecast at 70 % should be won about 70 % of the time. Here: the reliability diagram (forecasts
 * in bins against how often those deals were won), the Brier score (mean squared distance of
 * the forecast from the outcome, 0 best) with Murphy's decomposition
 * Brier = reliability − resolution + uncertainty, and the course's funnel worked on the trainee's
 * own pipeline: of the deals that reached a stage, how many were won, against the funnel rate.
 */
import { STAGES } from '$lib/engine/methodology';
import { pairsOf, type ForecastPair, type PlayerSums } from './aggregate';
import { FORECAST_STAGE_COUNT } from './skills';

export interface ReliabilityBin {
	/** The bin's forecasts are in [from, to) (the last bin includes 1). */
	from: number;
	to: number;
	count: number;
	/** Mean forecast in the bin (NaN when empty). */
	forecast: number;
	/** Share of the bin's deals that were won (NaN when empty). */
	observed: number;
}

/** Forecasts grouped in `bins` equal bins of probability, for the reliability diagram. */
export function reliabilityBins(pairs: readonly ForecastPair[], bins = 10): ReliabilityBin[] {
	const count = new Float64Array(bins);
	const p = new Float64Array(bins);
	const o = new Float64Array(bins);
	for (const pair of pairs) {
		const bin = Math.min(bins - 1, Math.floor(pair.p * bins));
		count[bin] += 1;
		p[bin] += pair.p;
		o[bin] += pair.o;
	}
	return Array.from(count, (n, bin) => ({
		from: bin / bins,
		to: (bin + 1) / bins,
		count: n,
		forecast: n > 0 ? p[bin] / n : NaN,
		observed: n > 0 ? o[bin] / n : NaN
	}));
}

export interface Brier {
	count: number;
	/** Mean of (forecast − outcome)², 0..1, 0 best. NaN with no forecast. */
	score: number;
	/** How far forecasts are from the frequencies they announce (0 best). */
	reliability: number;
	/** How much forecasts separate deals won from deals lost (larger is better). */
	resolution: number;
	/** The outcomes' own variance, base rate × (1 − base rate): nobody's forecasts change it. */
	uncertainty: number;
	/** Mean forecast − share of deals won: above 0 over-confident, below under-confident. */
	bias: number;
	meanForecast: number;
	baseRate: number;
}

/**
 * The Brier score and Murphy's decomposition. Forecasts are grouped by value to the percent
 * (the play page asks for whole percents), which makes reliability − resolution + uncertainty
 * equal the score exactly for such forecasts; finer values leave a within-group remainder.
 */
export function brier(pairs: readonly ForecastPair[]): Brier {
	const n = pairs.length;
	if (n === 0) {
		return {
			count: 0,
			score: NaN,
			reliability: NaN,
			resolution: NaN,
			uncertainty: NaN,
			bias: NaN,
			meanForecast: NaN,
			baseRate: NaN
		};
	}
	const groupN = new Float64Array(101);
	const groupO = new Float64Array(101);
	let squared = 0;
	let won = 0;
	let forecastSum = 0;
	for (const pair of pairs) {
		squared += (pair.p - pair.o) ** 2;
		won += pair.o;
		forecastSum += pair.p;
		const group = Math.round(pair.p * 100);
		groupN[group] += 1;
		groupO[group] += pair.o;
	}
	const base = won / n;
	let reliability = 0;
	let resolution = 0;
	for (let group = 0; group <= 100; group++) {
		const k = groupN[group];
		if (k === 0) continue;
		const observed = groupO[group] / k;
		reliability += k * (group / 100 - observed) ** 2;
		resolution += k * (observed - base) ** 2;
	}
	return {
		count: n,
		score: squared / n,
		reliability: reliability / n,
		resolution: resolution / n,
		uncertainty: base * (1 - base),
		bias: forecastSum / n - base,
		meanForecast: forecastSum / n,
		baseRate: base
	};
}

/** One stage of the funnel worked on a trainee's attempts. */
export interface FunnelStage {
	stage: (typeof STAGES)[number];
	/** Attempts that reached the stage. */
	reached: number;
	/** Of those, the attempts won. */
	won: number;
	/** won ÷ reached (NaN when none reached it). */
	observed: number;
	/** The course's funnel rate of the stage (methodology §12 or the scenario's). */
	rate: number;
	/** The wins the funnel forecasts from the attempts that reached the stage: reached × rate. */
	expected: number;
	/** The trainee's mean forecast in the stage (NaN without forecasts there). */
	forecast: number;
	forecasts: number;
}

export interface FunnelReport {
	stages: FunnelStage[];
	wins: number;
	attempts: number;
}

/**
 * The course's funnel on a trainee's pipeline of attempts: each stage's conversion to a win
 * against its funnel rate and the trainee's forecasts there, and the wins the funnel forecasts
 * from the deals at each stage (methodology §9: amount × rate) against the wins there were.
 */
export function funnelReport(
	players: readonly Pick<PlayerSums, 'pipeline' | 'forecasts'>[],
	rates: Readonly<Record<(typeof STAGES)[number], number>>
): FunnelReport {
	const reached = new Float64Array(STAGES.length);
	const won = new Float64Array(STAGES.length);
	const forecastSum = new Float64Array(FORECAST_STAGE_COUNT);
	const forecastN = new Float64Array(FORECAST_STAGE_COUNT);
	let wins = 0;
	let attempts = 0;
	for (const player of players) {
		for (const deal of player.pipeline) {
			attempts++;
			if (deal.won) wins++;
			for (let stage = 0; stage <= deal.reached; stage++) {
				reached[stage] += 1;
				if (deal.won) won[stage] += 1;
			}
		}
		const { p, stage } = player.forecasts;
		for (let i = 0; i < p.length; i++) {
			forecastSum[stage[i]] += p[i];
			forecastN[stage[i]] += 1;
		}
	}
	return {
		stages: STAGES.map((stage, index) => ({
			stage,
			reached: reached[index],
			won: won[index],
			observed: reached[index] > 0 ? won[index] / reached[index] : NaN,
			rate: rates[stage],
			expected: reached[index] * rates[stage],
			forecast:
				index < FORECAST_STAGE_COUNT && forecastN[index] > 0
					? forecastSum[index] / forecastN[index]
					: NaN,
			forecasts: index < FORECAST_STAGE_COUNT ? forecastN[index] : 0
		})),
		wins,
		attempts
	};
}

/** Every forecast of some players, optionally of one week only. */
export function forecastsOf(
	players: readonly Pick<PlayerSums, 'forecasts'>[],
	week?: number
): ForecastPair[] {
	return players.flatMap((player) => pairsOf(player.forecasts, week));
}
