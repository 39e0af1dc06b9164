/**
 * Labels, numbers and files of the skills pages (issue 19): a level as points of 100, a week by
 * its Monday, the skill table as CSV (with the scoreboard's formula guard and BOM), and the chart
 * options, built from the pure results of $lib/skills.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { toCsv, csvFileName } from '$lib/scoreboard/csv';
import type { MemberRow, TrendPoint } from '$lib/skills/aggregate';
import type { ReliabilityBin } from '$lib/skills/calibration';
import type { KpiMetric } from '$lib/skills/kpi';
import { SKILLS, type SkillId } from '$lib/skills/skills';
import type { HubSkillsProblem } from '$lib/state/hub-skills';
import { trainerProblemText } from '../hub/trainer-problem';
import { dayLabel, skillLabel } from './skill-labels';

export { dayLabel, skillLabel };

export function metricLabel(metric: KpiMetric): string {
	if (metric === 'win-rate') return m.skills_metric_win_rate();
	if (metric === 'brier') return m.skills_metric_brier();
	if (metric === 'decision-maker') return m.skills_metric_decision_maker();
	return skillLabel(metric.slice(6) as SkillId);
}

/** A level 0..1 as points of 100, "—" when not judged. */
export function points(level: number): string {
	return Number.isNaN(level) ? '—' : String(Math.round(level * 100));
}

/** A share 0..1 as a percent. */
export function percent(share: number): string {
	return Number.isNaN(share) ? '—' : `${Math.round(share * 100)}%`;
}

/** A Brier score or one of its parts, to three decimals. */
export function decimal(value: number): string {
	return Number.isNaN(value) ? '—' : value.toFixed(3);
}

/** The Monday a week starts on, as a date in the interface language. */
export function weekLabel(week: number): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		week
	);
}

/** A moment of today, as a time in the interface language (when a class was read). */
export function timeLabel(time: number): string {
	return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short' }).format(time);
}

/** Why the class on a hub could not be read, in the trainer's language. */
export function hubProblemText(problem: HubSkillsProblem | { kind: 'none' }): string {
	if (problem.kind === 'none') return m.skills_hub_none();
	if (problem.kind === 'bad-backup') return m.skills_hub_bad_backup();
	return trainerProblemText(problem);
}

/** The skill table as a CSV file: member, team, results, each skill (0–100), shortest stave. */
export function skillTableCsv(
	rows: readonly MemberRow[],
	name: (id: string) => string,
	team: (id: string | null) => string,
	parts: readonly string[],
	date: Date
): { name: string; text: string } {
	const header = [
		m.skills_col_member(),
		m.skills_col_team(),
		m.skills_col_attempts(),
		...SKILLS.map(skillLabel),
		m.skills_col_stave()
	];
	const body = rows.map((row) => [
		name(row.playerId),
		team(row.teamId),
		row.attempts,
		...row.levels.map((level) => (Number.isNaN(level) ? null : Math.round(level * 1000) / 10)),
		row.stave ? skillLabel(row.stave.skill) : null
	]);
	return { name: csvFileName([m.skills_csv_name(), ...parts], date), text: toCsv(header, body) };
}

const AXIS = { color: '#334155' };

/** Heat map of members × skills, levels 0–100. */
export function heatmapOption(
	rows: readonly MemberRow[],
	name: (id: string) => string
): EChartsCoreOption {
	// Dark cells (low and high levels) carry white figures, light ones dark figures: one series
	// each, so that no cell needs a style of its own (a change of team redraws every cell).
	const dark: [number, number, number][] = [];
	const light: [number, number, number | '-'][] = [];
	rows.forEach((row, y) =>
		row.levels.forEach((level, x) => {
			if (Number.isNaN(level)) return light.push([x, y, '-']);
			const value = Math.round(level * 100);
			(value < 30 || value >= 85 ? dark : light).push([x, y, value]);
		})
	);
	const series = (data: unknown[], color: string) => ({
		type: 'heatmap',
		data,
		label: { show: true, color },
		progressive: 0
	});
	return {
		tooltip: { position: 'top' },
		grid: { left: 120, right: 20, top: 10, bottom: 90 },
		xAxis: {
			type: 'category',
			data: SKILLS.map(skillLabel),
			axisLabel: { ...AXIS, interval: 0, rotate: 30, width: 110, overflow: 'truncate' }
		},
		yAxis: {
			type: 'category',
			data: rows.map((row) => name(row.playerId)),
			inverse: true,
			axisLabel: { ...AXIS, width: 110, overflow: 'truncate' }
		},
		visualMap: {
			min: 0,
			max: 100,
			show: false,
			seriesIndex: [0, 1],
			inRange: { color: ['#b91c1c', '#f59e0b', '#fde68a', '#86efac', '#15803d'] }
		},
		series: [series(dark, '#ffffff'), series(light, '#0f172a')]
	};
}

/** Lines of levels (0–100) week by week, one per series. */
export function trendOption(
	weeks: readonly number[],
	series: readonly { name: string; points: readonly TrendPoint[] }[]
): EChartsCoreOption {
	return {
		tooltip: { trigger: 'axis' },
		legend: series.length > 1 ? { bottom: 0, textStyle: AXIS } : undefined,
		grid: { left: 40, right: 20, top: 20, bottom: series.length > 1 ? 90 : 30 },
		xAxis: { type: 'category', data: weeks.map(weekLabel), axisLabel: AXIS },
		yAxis: { type: 'value', min: 0, max: 100, axisLabel: AXIS },
		series: series.map((line) => ({
			type: 'line',
			name: line.name,
			connectNulls: true,
			data: line.points.map((p) => (Number.isNaN(p.level) ? null : Math.round(p.level * 100)))
		}))
	};
}

/** The barrel: one bar per skill, the shortest stave in red and marked. */
export function barrelOption(
	levels: readonly number[],
	stave: SkillId | undefined
): EChartsCoreOption {
	return {
		tooltip: {},
		grid: { left: 40, right: 20, top: 20, bottom: 90 },
		xAxis: {
			type: 'category',
			data: SKILLS.map(skillLabel),
			axisLabel: { ...AXIS, interval: 0, rotate: 30, width: 110, overflow: 'truncate' }
		},
		yAxis: { type: 'value', min: 0, max: 100, axisLabel: AXIS },
		series: [
			{
				type: 'bar',
				data: SKILLS.map((skill, s) => ({
					value: Number.isNaN(levels[s]) ? null : Math.round(levels[s] * 100),
					itemStyle: { color: skill === stave ? '#b91c1c' : '#1d4ed8' }
				})),
				label: { show: true, position: 'top', color: '#0f172a' }
			}
		]
	};
}

/** The reliability diagram: each bin's mean forecast against the share won, and the diagonal. */
export function reliabilityOption(bins: readonly ReliabilityBin[]): EChartsCoreOption {
	const filled = bins.filter((bin) => bin.count > 0);
	return {
		tooltip: {},
		legend: { bottom: 0, textStyle: AXIS },
		grid: { left: 50, right: 20, top: 20, bottom: 70 },
		xAxis: {
			type: 'value',
			min: 0,
			max: 100,
			name: m.skills_reliability_forecast(),
			nameLocation: 'middle',
			nameGap: 25,
			axisLabel: AXIS
		},
		yAxis: {
			type: 'value',
			min: 0,
			max: 100,
			name: m.skills_reliability_observed(),
			nameLocation: 'middle',
			nameGap: 35,
			axisLabel: AXIS
		},
		series: [
			{
				type: 'line',
				name: m.skills_reliability_perfect(),
				data: [
					[0, 0],
					[100, 100]
				],
				lineStyle: { type: 'dashed', color: '#64748b' },
				symbol: 'none'
			},
			{
				type: 'line',
				name: m.skills_reliability_observed(),
				data: filled.map((bin) => [Math.round(bin.forecast * 100), Math.round(bin.observed * 100)]),
				symbolSize: 10,
				color: '#b91c1c'
			}
		]
	};
}
