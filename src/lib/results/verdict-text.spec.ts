import { describe, expect, it } from 'vitest';
import { modelPath, testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import {
	refusal,
	type RefusedVerdict,
	verifyAttempt,
	lookupOf
} from '$lib/engine/results/verify-attempt';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { refusalReason } from './verdict-text';

const parsed = await parseScenario(JSON.stringify(testScenarioInput));
if (!parsed.ok) throw new Error('the test scenario does not validate');
const lookup = lookupOf([{ scenario: parsed.scenario, hash: parsed.hash }]);
const base = {
	format: 'sales-sim/attempt@2',
	seed: 0,
	rules: 2,
	scenario: { id: 'test-plant', version: 1, hash: parsed.hash },
	player: 'Li Na',
	mode: 'assessment',
	startedAt: '2026-11-28T09:00:00Z',
	finishedAt: '2026-11-28T09:41:00Z',
	actions: modelPath,
	result: { outcome: 'won', score: 1 }
};

async function refused(value: unknown): Promise<RefusedVerdict> {
	const verdict = await verifyAttempt(
		typeof value === 'string' ? value : JSON.stringify(value),
		lookup,
		{ now: Date.parse('2026-12-05T09:00:00.000Z') }
	);
	if (verdict.status !== 'refused') throw new Error('accepted');
	return verdict;
}

describe('refusalReason', () => {
	it.each([
		[
			'a score',
			() => refused(base),
			/^The file claims a score of 1, but the replay gives \d/,
			/^文件声称得分 1，但重放得分为 \d/
		],
		[
			'an outcome',
			() => refused({ ...base, result: { outcome: 'lost', score: 1 } }),
			/claims the outcome “Lost”, but the replay gives “Won”/,
			/“输单”.*“赢单”|“丢单”.*“赢单”|“.+”.*“.+”/
		],
		[
			'a refused action',
			() =>
				refused({
					...base,
					actions: [{ type: 'activity', activity: 'visit', people: ['nobody'] }]
				}),
			/^Action 1 is not allowed in the game: ./,
			/^第 1 个操作在模拟中不被允许：./
		],
		[
			'a play too fast for a person (issue 22)',
			() => refused({ ...base, finishedAt: base.startedAt }),
			/^Its \d+ actions were played in 0 s; a person needs at least [\d.]+ s/,
			/^它的 \d+ 个操作在 0 秒内完成/
		],
		[
			'a date in the future',
			() => refused({ ...base, finishedAt: '2099-01-01T00:00:00Z' }),
			/^Its finishedAt is 2099-01-01T00:00:00Z, in the future/,
			/^它的 finishedAt 为 2099-01-01T00:00:00Z，是未来的时间/
		],
		[
			'a date before the app',
			() => refused({ ...base, startedAt: '1969-12-31T00:00:00Z' }),
			/^Its startedAt is 1969-12-31T00:00:00Z, before this simulator existed/,
			/早于本模拟器问世的时间/
		],
		[
			'broken JSON',
			() => refused('{"format": '),
			/^Not a readable attempt file \(line 1, column \d+\): ./,
			/^不是可读取的成绩文件（第 1 行，第 \d+ 列）：./
		],
		[
			'a missing field',
			() => refused({ ...base, player: undefined }),
			/^Not a readable attempt file: player: ./,
			/^不是可读取的成绩文件：player: ./
		],
		[
			'a scenario file',
			() => refused(testScenarioInput),
			/^Not an exported attempt: ./,
			/^不是导出的成绩文件：./
		],
		[
			'an unknown scenario',
			() => refused({ ...base, scenario: { ...base.scenario, id: 'x-y' } }),
			/“x-y” is not on this device/,
			/本设备上没有案例“x-y”/
		],
		[
			'a cut-off code',
			async () => refusal('code-cut-off', { length: 9 }),
			/^The code is cut off/,
			/^代码不完整/
		],
		[
			'a duplicate in the batch',
			async () => refusal('duplicate', { of: 'batch', item: 'a.json' }),
			/^The same attempt as “a.json”/,
			/“a.json”/
		]
	])('says what is wrong with %s, in English and Chinese', async (_, make, en, zh) => {
		const verdict = await make();
		expect(refusalReason(verdict, 'en')).toMatch(en);
		expect(refusalReason(verdict, 'zh-CN')).toMatch(zh);
		expect(refusalReason(verdict, 'zh-CN')).not.toMatch(/results_/);
	});
});
