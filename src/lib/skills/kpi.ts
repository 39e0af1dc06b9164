/**
 * KPI targets: define, measure, control (issue 19; methodology §7).
 *
 * A trainer defines a target for the class or a team (a metric, a comparator, a threshold);
 * `measure` tells who meets it, `control` how the group did week by week.
 */
import { z } from 'zod';
import {
	attemptsOfRow,
	brierOfRow,
	levelsOfRow,
	makerShareOfRow,
	winsOfRow,
	type PlayerSums
} from './aggregate';
import { SKILLS, skillIndex, type SkillId } from './skills';

/**
 * What a target measures: a skill's level, the share of deals won, the share of deals that met
 * the decision maker by the end of internal deliberation (skills.ts `decisionMakerMet`), or the
 * forecasts' Brier score.
 */
export const KPI_METRICS = [
	...SKILLS.map((skill) => `skill:${skill}` as const),
	'win-rate',
	'decision-maker',
	'brier'
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export const COMPARATORS = ['at-least', 'at-most'] as const;
export type Comparator = (typeof COMPARATORS)[number];

// Built at their first use ($lib/engine/built-schema.ts): the storage code loads this module.
export const kpiScopeSchema = z.lazy(() =>
	z.union([
		z.strictObject({ kind: z.literal('class') }),
		z.strictObject({ kind: z.literal('team'), teamId: z.string().min(1).max(64) })
	])
);
export type KpiScope = z.output<typeof kpiScopeSchema>;

/** The part of a target the trainer defines (stored with an id and times, src/lib/db/records.ts). */
export const kpiDefinitionSchema = z.lazy(() =>
	z.strictObject({
		metric: z.enum(KPI_METRICS),
		comparator: z.enum(COMPARATORS),
		/** 0..1: a level, a share or a Brier score. */
		threshold: z.number().min(0).max(1),
		scope: kpiScopeSchema
	})
);
export type KpiDefinition = z.output<typeof kpiDefinitionSchema>;

/** The comparator a metric is naturally judged with: higher is better, except the Brier score. */
export function naturalComparator(metric: KpiMetric): Comparator {
	return metric === 'brier' ? 'at-most' : 'at-least';
}

export function metricSkill(metric: KpiMetric): SkillId | undefined {
	return metric.startsWith('skill:') ? (metric.slice(6) as SkillId) : undefined;
}

/** A metric's value for some sums of attempts, or NaN when they judge nothing of it. */
function valueOfRow(metric: KpiMetric, row: Float64Array | undefined): number {
	if (!row) return NaN;
	if (metric === 'brier') return brierOfRow(row);
	if (metric === 'win-rate')
		return attemptsOfRow(row) > 0 ? winsOfRow(row) / attemptsOfRow(row) : NaN;
	if (metric === 'decision-maker') return makerShareOfRow(row);
	return levelsOfRow(row)[skillIndex(metricSkill(metric)!)];
}

/** A player's value of a metric over all their attempts, or over one week's. */
export function metricValue(metric: KpiMetric, player: PlayerSums, week?: number): number {
	return valueOfRow(metric, week === undefined ? player.total : player.weeks.get(week));
}

export function meets(
	value: number,
	definition: Pick<KpiDefinition, 'comparator' | 'threshold'>
): boolean {
	// Compared to the tenth of a percent a page shows, so "80 %" meets "≥ 80 %".
	const shown = Math.round(value * 1000) / 1000;
	return definition.comparator === 'at-least'
		? shown >= definition.threshold
		: shown <= definition.threshold;
}

export interface Measured {
	playerId: string;
	/** NaN: nothing of the metric was judged yet. */
	value: number;
	/** undefined without a value. */
	meets: boolean | undefined;
}

export interface Measurement {
	rows: Measured[];
	/** Members with a value, and of those, the ones meeting the target. */
	judged: number;
	meeting: number;
}

/** Who meets a target among a group's members (all their attempts). */
export function measure(definition: KpiDefinition, members: readonly PlayerSums[]): Measurement {
	let judged = 0;
	let meeting = 0;
	const rows = members.map((player) => {
		const value = metricValue(definition.metric, player);
		if (Number.isNaN(value)) return { playerId: player.playerId, value, meets: undefined };
		judged++;
		const ok = meets(value, definition);
		if (ok) meeting++;
		return { playerId: player.playerId, value, meets: ok };
	});
	return { rows, judged, meeting };
}

export interface ControlPoint {
	week: number;
	judged: number;
	meeting: number;
	/** meeting ÷ judged, NaN in a week without a judged member. */
	share: number;
}

/** Control: week by week, how many of the members who played that week met the target then. */
export function control(
	definition: KpiDefinition,
	members: readonly PlayerSums[],
	weeks: readonly number[]
): ControlPoint[] {
	return weeks.map((week) => {
		let judged = 0;
		let meeting = 0;
		for (const player of members) {
			if (!player.weeks.has(week)) continue;
			const value = metricValue(definition.metric, player, week);
			if (Number.isNaN(value)) continue;
			judged++;
			if (meets(value, definition)) meeting++;
		}
		return { week, judged, meeting, share: judged > 0 ? meeting / judged : NaN };
	});
}
