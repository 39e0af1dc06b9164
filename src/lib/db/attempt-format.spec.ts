import { describe, expect, it } from 'vitest';
import { attemptSchema } from '$lib/engine/scenario/schema';
import type { ScoreReport } from '$lib/engine/deal/types';
import { resultFromReport, toExportedAttempt } from './attempt-format';
import { attemptFingerprint, exportedAttemptFingerprint } from './fingerprint';
import type { Attempt } from './records';

const stored: Attempt = {
	id: 'a1',
	scenarioId: 'city-hospital-his',
	scenarioVersion: 2,
	scenarioHash: '1'.repeat(64),
	playerId: 'p1',
	playerName: '李娜',
	teamId: null,
	teamName: null,
	mode: 'assessment',
	startedAt: Date.UTC(2026, 10, 28, 9),
	finishedAt: Date.UTC(2026, 10, 28, 9, 41),
	actions: [{ type: 'activity', activity: 'visit', people: ['dean-zhao'] }, { type: 'withdraw' }],
	result: { outcome: 'withdrawn', score: 41.5, categories: { strategy: 5 } },
	weeksUsed: 2,
	verified: true,
	source: 'local',
	arrivedAt: Date.UTC(2026, 10, 28, 9, 41),
	fingerprint: '2'.repeat(64),
	boardKey: [41.5, -2, -Date.UTC(2026, 10, 28, 9, 41), Date.UTC(2026, 10, 28, 9, 41)]
};

describe('toExportedAttempt', () => {
	it('gives a file the contract accepts, without a team when there is none', () => {
		const file = toExportedAttempt(stored);
		expect(attemptSchema.parse(file)).toEqual(file);
		expect(file).toMatchObject({
			scenario: { id: 'city-hospital-his', version: 2, hash: '1'.repeat(64) },
			player: '李娜',
			startedAt: '2026-11-28T09:00:00.000Z',
			finishedAt: '2026-11-28T09:41:00.000Z'
		});
		expect('team' in file).toBe(false);
		expect(toExportedAttempt({ ...stored, teamName: 'East' }).team).toBe('East');
	});
});

describe('attempt fingerprints', () => {
	const base = {
		scenarioId: 'x',
		scenarioVersion: 1,
		scenarioHash: '1'.repeat(64),
		playerName: 'Li Na',
		mode: 'assessment' as const,
		actions: stored.actions
	};

	it.each([
		['the player name’s case and spacing', { playerName: ' li  NA ' }, true],
		['another player', { playerName: 'Wang Wei' }, false],
		[
			'another mode (a coached practice run is not an assessment)',
			{ mode: 'practice' as const },
			false
		],
		['another scenario version', { scenarioVersion: 2 }, false],
		['another hash', { scenarioHash: '3'.repeat(64) }, false],
		['one action less', { actions: stored.actions.slice(1) }, false]
	])('%s → same fingerprint: %s', (_, change, same) => {
		expect(attemptFingerprint({ ...base, ...change }) === attemptFingerprint(base)).toBe(same);
	});

	it('is the same for a file in another time zone notation', () => {
		const file = attemptSchema.parse(toExportedAttempt(stored));
		const shifted = { ...file, startedAt: '2026-11-28T17:00:00+08:00' };
		expect(exportedAttemptFingerprint(shifted)).toBe(exportedAttemptFingerprint(file));
	});

	it('is the same play whatever times a file claims (issue 22: a finish moved by 1 ms)', () => {
		const file = attemptSchema.parse(toExportedAttempt(stored));
		const moved = { ...file, finishedAt: '2026-11-28T09:41:00.001Z' };
		const backdated = { ...file, startedAt: '2026-11-28T08:00:00.000Z' };
		expect(exportedAttemptFingerprint(moved)).toBe(exportedAttemptFingerprint(file));
		expect(exportedAttemptFingerprint(backdated)).toBe(exportedAttemptFingerprint(file));
	});

	it('tells a practice run from an assessment of the same actions', () => {
		const file = attemptSchema.parse(toExportedAttempt(stored));
		expect(exportedAttemptFingerprint({ ...file, mode: 'practice' })).not.toBe(
			exportedAttemptFingerprint({ ...file, mode: 'assessment' })
		);
	});
});

describe('resultFromReport', () => {
	it('keeps the total and each category’s points', () => {
		const report: ScoreReport = {
			total: 83.5,
			rules: 2,
			categories: [
				{ category: 'roles', points: 21, weight: 25, rules: [] },
				{ category: 'outcome', points: 10, weight: 10, rules: [] }
			]
		};
		expect(resultFromReport('won', report)).toEqual({
			outcome: 'won',
			score: 83.5,
			categories: { roles: 21, outcome: 10 }
		});
	});
});
