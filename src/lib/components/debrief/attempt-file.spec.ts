import { describe, expect, it } from 'vitest';
import { attemptSchema } from '$lib/engine/scenario/schema';
import { modelPath, testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { actionsSchema } from '$lib/engine/scenario/schema';
import { attemptFileName, exportAttempt, type DebriefAttempt } from './attempt-file';

const day = Date.UTC(2026, 10, 28, 9, 41);

describe('attemptFileName', () => {
	it.each([
		['Li Na', 'attempt-test-plant-Li-Na-2026-11-28.json'],
		['  张伟 ', 'attempt-test-plant-张伟-2026-11-28.json'],
		['a/b\\c:d*e?f"g<h>i|j', 'attempt-test-plant-a-b-c-d-e-f-g-h-i-j-2026-11-28.json'],
		['..', 'attempt-test-plant-player-2026-11-28.json'],
		['Ｌｉ　Ｎａ', 'attempt-test-plant-Li-Na-2026-11-28.json'],
		['x'.repeat(100), `attempt-test-plant-${'x'.repeat(60)}-2026-11-28.json`]
	])('%j → %s', (player, file) => expect(attemptFileName('test-plant', player, day)).toBe(file));
});

describe('exportAttempt', () => {
	const actions = actionsSchema.parse(modelPath);
	const replayed = replay(testScenario, actions);
	const base: DebriefAttempt = {
		id: 'unsaved-1',
		scenarioId: 'test-plant',
		scenarioVersion: 1,
		scenarioHash: 'c'.repeat(64),
		playerName: 'Li Na',
		teamName: 'East',
		mode: 'assessment',
		seed: 0,
		rules: 2,
		startedAt: day - 60_000,
		finishedAt: day,
		actions,
		saved: false
	};

	it('gives an attempt kept in memory the replay’s result, in the contract’s format', () => {
		const file = exportAttempt(base, replayed)!;
		expect(attemptSchema.safeParse(file).success).toBe(true);
		expect(file).toMatchObject({
			format: 'sales-sim/attempt@2',
			seed: 0,
			rules: 2,
			scenario: { id: 'test-plant', version: 1, hash: 'c'.repeat(64) },
			player: 'Li Na',
			team: 'East',
			mode: 'assessment',
			finishedAt: '2026-11-28T09:41:00.000Z',
			result: { outcome: 'won', score: replayed.score.total }
		});
		expect(file.actions).toEqual(actions);
	});

	it('keeps a stored attempt’s own result, even one that differs from the replay', () => {
		const stored = { outcome: 'won' as const, score: 100, categories: { roles: 25 } };
		const file = exportAttempt({ ...base, saved: true, result: stored, teamName: null }, replayed)!;
		expect(file.result).toEqual(stored);
		expect(file).not.toHaveProperty('team');
	});

	it('has nothing to export for an unfinished attempt kept in memory', () => {
		const unfinished = replay(testScenario, actions.slice(0, 3));
		expect(exportAttempt(base, unfinished)).toBeUndefined();
	});
});
