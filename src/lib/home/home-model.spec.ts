import { describe, expect, it } from 'vitest';
import { homeModel, snapshotStage, type HomeAttempt, type HomeScenario } from './home-model';

const scenarios: HomeScenario[] = [
	{ id: 'hard', version: 1, title: 'Hard', locale: 'en', difficulty: 'expert' },
	{ id: 'mid', version: 1, title: 'Mid', locale: 'en', difficulty: 'standard' },
	{ id: 'intro', version: 1, title: 'Intro', locale: 'en', difficulty: 'intro' },
	{ id: 'zh-intro', version: 1, title: '入门', locale: 'zh-CN', difficulty: 'intro' }
];
const MINUTE = 60_000;
const attempt = (
	id: string,
	scenarioId: string,
	score: number,
	minutes = 20,
	at = 0
): HomeAttempt => ({
	id,
	scenarioId,
	startedAt: at,
	finishedAt: at + minutes * MINUTE,
	outcome: 'won',
	score
});

describe('homeModel: the next scenario', () => {
	it.each([
		['a new trainee starts with the intro', 'en', [], 'intro', 'new'],
		['in Chinese, the Chinese intro', 'zh-CN', [], 'zh-intro', 'new'],
		['after the intro, the standard one', 'en', [attempt('a', 'intro', 80)], 'mid', 'new'],
		[
			'with all played, the weakest score',
			'en',
			[attempt('a', 'intro', 80), attempt('b', 'mid', 40), attempt('c', 'hard', 60)],
			'mid',
			'improve'
		],
		['a language with no scenario falls back to all', 'fr', [], 'intro', 'new']
	] as const)('%s', (_, locale, attempts, id, reason) => {
		const model = homeModel({ scenarios, deals: [], attempts, locale });
		expect(model.next).toMatchObject({ scenarioId: id, reason });
	});

	it('resumes the most recent open deal and recommends another scenario', () => {
		const model = homeModel({
			scenarios,
			locale: 'en',
			attempts: [],
			deals: [
				{ id: 'd1', scenarioId: 'mid', scenarioVersion: 1, updatedAt: 1, actions: 3, snapshot: {} },
				{
					id: 'd2',
					scenarioId: 'intro',
					scenarioVersion: 1,
					updatedAt: 2,
					actions: 9,
					snapshot: { context: { stage: 'system-design' } }
				}
			]
		});
		expect(model.resume).toEqual({
			scenarioId: 'intro',
			title: 'Intro',
			stage: 'system-design',
			actions: 9
		});
		expect(model.next?.scenarioId).toBe('mid');
	});
});

describe('homeModel: results', () => {
	it('lists the five newest with medals, counts medals and the median minutes', () => {
		const attempts = [95, 80, 76, 50, 30, 91].map((score, i) =>
			attempt(`a${i}`, 'intro', score, 10 + i * 10, i * 100 * MINUTE)
		);
		const model = homeModel({ scenarios, deals: [], attempts, locale: 'en' });
		expect(model.recent.map((r) => r.attemptId)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
		expect(model.recent[0]).toMatchObject({ title: 'Intro', score: 91, medal: 'gold' });
		expect(model.recent[1].medal).toBeUndefined();
		expect(model.medals).toEqual({ gold: 2, silver: 2, bronze: 1 });
		expect(model.minutesPerDeal).toBe(35);
	});

	it('says nothing of time before a deal is finished', () => {
		expect(homeModel({ scenarios, deals: [], attempts: [], locale: 'en' }).minutesPerDeal).toBe(
			undefined
		);
	});
});

describe('snapshotStage', () => {
	it.each([
		[{ context: { stage: 'evaluation' } }, 'evaluation'],
		[{ context: { stage: 'lunch' } }, undefined],
		[null, undefined],
		['text', undefined]
	])('%j → %s', (snapshot, stage) => {
		expect(snapshotStage(snapshot)).toBe(stage);
	});
});
