import { afterEach, describe, expect, it } from 'vitest';
import { testStorage, type TestStorage } from '$lib/db/test-support';
import { toExportedAttempt } from '$lib/db/attempt-format';
import type { ScenarioRecord } from '$lib/db';
import { modelPath, testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { lookupOf } from '$lib/engine/results/verify-attempt';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { actionsSchema, type ExportedAttempt } from '$lib/engine/scenario/schema';
import { backupVerifier, checkItems, storeAccepted } from './import-attempts';
import { refusalReason } from './verdict-text';

const scenarioText = JSON.stringify(testScenarioInput);
const parsed = await parseScenario(scenarioText);
if (!parsed.ok) throw new Error('the test scenario does not validate');
const known = { scenario: parsed.scenario, hash: parsed.hash };
const lookup = lookupOf([known]);
const actions = actionsSchema.parse(modelPath);
const model = replay(known.scenario, actions, { keepStates: false });

function file(overrides: Partial<ExportedAttempt> = {}): string {
	return JSON.stringify({
		format: 'sales-sim/attempt@2',
		seed: 0,
		rules: 2,
		scenario: { id: 'test-plant', version: 1, hash: known.hash },
		player: 'Li Na',
		team: 'East',
		mode: 'assessment',
		startedAt: '2026-11-28T09:00:00.000Z',
		finishedAt: '2026-11-28T09:41:00.000Z',
		actions,
		result: { outcome: 'won', score: model.score.total },
		...overrides
	});
}

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function storage(): TestStorage {
	const s = testStorage();
	open.push(s);
	return s;
}

describe('importing a batch', () => {
	it('stores the accepted attempts with the recomputed result, on their team, and keeps the rest', async () => {
		const s = storage();
		const verdicts = await checkItems(
			[
				{ label: 'li.json', text: file() },
				{
					label: 'tampered.json',
					text: file({ player: 'Wang Wei', result: { outcome: 'won', score: 100 } })
				},
				{ label: 'zhang.json', text: file({ player: '张伟', team: '华东', mode: 'practice' }) },
				{ label: 'broken.json', text: '{"format":' }
			],
			s,
			lookup
		);
		expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'refused', 'accepted', 'refused']);
		const imported = await storeAccepted(verdicts, s);
		const ids = imported.flatMap((v) => ('storedId' in v ? [v.storedId] : []));
		expect(ids).toHaveLength(2);
		const li = await s.attempts.get(ids[0]);
		expect(li).toMatchObject({
			playerName: 'Li Na',
			teamName: 'East',
			mode: 'assessment',
			source: 'imported',
			verified: true,
			weeksUsed: model.final.weeksUsed,
			result: { outcome: 'won', score: model.score.total }
		});
		expect(li?.result.categories).toEqual(
			Object.fromEntries(model.score.categories.map((c) => [c.category, c.points]))
		);
		expect(await s.attempts.get(ids[1])).toMatchObject({
			playerName: '张伟',
			teamName: '华东',
			mode: 'practice'
		});
		expect((await s.teams.list()).map((t) => t.name).sort()).toEqual(['East', '华东']);
		expect(await s.attempts.count()).toBe(2);
	});

	it('finds an existing team and player by name, whatever the case', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const li = await s.players.create('Li Na', east.id);
		const verdicts = await checkItems(
			[{ label: 'a', text: file({ player: 'li na', team: 'EAST' }) }],
			s,
			lookup
		);
		const [imported] = await storeAccepted(verdicts, s);
		const stored = await s.attempts.get((imported as { storedId: string }).storedId);
		expect(stored).toMatchObject({ playerId: li.id, teamId: east.id });
	});

	it('refuses an attempt already stored, in English and Chinese', async () => {
		const s = storage();
		await storeAccepted(await checkItems([{ label: 'a', text: file() }], s, lookup), s);
		const [again] = await checkItems([{ label: 'b', text: file({ team: 'West' }) }], s, lookup);
		expect(again).toMatchObject({
			status: 'refused',
			reason: 'duplicate',
			params: { of: 'stored' }
		});
		if (again.status !== 'refused') return;
		expect(refusalReason(again, 'en')).toBe('This attempt is already stored on this device.');
		expect(refusalReason(again, 'zh-CN')).toBe('这次练习的成绩已经保存在本设备上。');
		expect(await s.attempts.count()).toBe(1);
	});

	it('turns an attempt stored between check and store into a duplicate', async () => {
		const s = storage();
		const verdicts = await checkItems([{ label: 'a', text: file() }], s, lookup);
		await storeAccepted(await checkItems([{ label: 'x', text: file() }], s, lookup), s);
		const [late] = await storeAccepted(verdicts, s);
		expect(late).toMatchObject({ status: 'refused', reason: 'duplicate', label: 'a' });
	});
});

describe('the backup verifier', () => {
	const record: ScenarioRecord = {
		id: 'test-plant',
		version: 1,
		hash: known.hash,
		json: scenarioText,
		status: 'published',
		createdAt: 0,
		updatedAt: 0
	};
	const nothing = lookupOf([]);

	async function stored(score: number) {
		const s = storage();
		const [verdict] = await storeAccepted(
			await checkItems([{ label: 'a', text: file() }], s, lookup),
			s
		);
		const attempt = (await s.attempts.get((verdict as { storedId: string }).storedId))!;
		return { ...attempt, result: { ...attempt.result, score } };
	}

	it('replays on the file’s own scenarios when the device lacks them', async () => {
		const verify = backupVerifier(nothing);
		expect(await verify(await stored(model.score.total), { scenarios: [record] })).toBe(true);
		expect(await verify(await stored(99), { scenarios: [record] })).toBe(false);
	});

	it('replays on the device’s scenarios, and calls unverifiable what neither has', async () => {
		expect(await backupVerifier(lookup)(await stored(99), { scenarios: [] })).toBe(false);
		expect(await backupVerifier(nothing)(await stored(99), { scenarios: [] })).toBe('unverifiable');
		// Played on another copy of the scenario: it cannot be replayed here either.
		const other = { ...(await stored(99)), scenarioHash: 'a'.repeat(64) };
		expect(await backupVerifier(lookup)(other, { scenarios: [] })).toBe('unverifiable');
	});

	it('agrees with the export of a stored attempt', async () => {
		const attempt = await stored(model.score.total);
		const [verdict] = await checkItems(
			[{ label: 'exported', text: JSON.stringify(toExportedAttempt(attempt)) }],
			storage(),
			lookup
		);
		expect(verdict.status).toBe('accepted');
	});
});
