import { afterEach, describe, expect, it } from 'vitest';
import { testStorage, type TestStorage } from '$lib/db/test-support';
import { exportedAttempt } from '$lib/engine/deal/fixtures/exported-attempt';
import { modelPath, testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { attemptCode } from '$lib/engine/results/attempt-code';
import { lookupOf } from '$lib/engine/results/verify-attempt';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { MAX_FILE_BYTES } from '$lib/engine/scenario/safe-json';
import { actionsSchema, type ExportedAttempt } from '$lib/engine/scenario/schema';
import { ResultsImport } from './results-import.svelte';

const parsed = await parseScenario(JSON.stringify(testScenarioInput));
if (!parsed.ok) throw new Error('the test scenario does not validate');
const known = { scenario: parsed.scenario, hash: parsed.hash };
const lookup = lookupOf([known]);
const actions = actionsSchema.parse(modelPath);
const model = replay(parsed.scenario, actions, { keepStates: false });

function attempt(player: string, score = model.score.total): ExportedAttempt {
	return exportedAttempt(known, actions, {
		player,
		team: undefined,
		result: { outcome: 'won', score }
	});
}
const fileOf = (name: string, value: unknown) =>
	new File([typeof value === 'string' ? value : JSON.stringify(value)], name);
const label = (kind: 'code' | 'link', n: number) => `${kind} ${n}`;

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function setup() {
	const storage = testStorage();
	open.push(storage);
	return { storage, page: new ResultsImport(storage, lookup) };
}

describe('ResultsImport', () => {
	it('checks files and codes, counts them, and stores the accepted ones in one go', async () => {
		const { storage, page } = setup();
		await page.addFiles([
			fileOf('li.json', attempt('Li Na')),
			fileOf('tampered.json', attempt('Wang Wei', 100)),
			new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'huge.json')
		]);
		const found = await page.addCodes(
			`${attemptCode(attempt('Zhao Min'))}\nhttps://x.org/scoreboard/import#attempt=${attemptCode(attempt('Li Na'))}`,
			label
		);
		expect(found).toBe(2);
		expect(page.rows.map((r) => [r.verdict.label, r.verdict.status])).toEqual([
			['li.json', 'accepted'],
			['tampered.json', 'refused'],
			['huge.json', 'refused'],
			['code 1', 'accepted'],
			['link 1', 'refused']
		]);
		expect(page.rows[4].verdict).toMatchObject({
			reason: 'duplicate',
			params: { item: 'li.json' }
		});
		expect(page.counts).toEqual({ total: 5, pending: 2, stored: 0, refused: 3 });

		expect(await page.store()).toBe(true);
		expect(page.counts).toEqual({ total: 5, pending: 0, stored: 2, refused: 3 });
		expect(await storage.attempts.count()).toBe(2);

		// The same file again, after storing: already stored.
		await page.addFiles([fileOf('li-again.json', attempt('Li Na'))]);
		expect(page.rows[5].verdict).toMatchObject({ reason: 'duplicate', params: { of: 'stored' } });
		page.clear();
		expect(page.rows).toEqual([]);
	});

	it('holds the link’s attempt until the trainer stores or dismisses it', async () => {
		const { storage, page } = setup();
		await page.addLink(`#attempt=${attemptCode(attempt('李娜'))}`, 'the link');
		expect(page.linkRow?.verdict).toMatchObject({ status: 'accepted', label: 'the link' });
		// The page shown again (another language) with the same address, even while the first
		// check runs: still one row.
		await Promise.all([
			page.addLink(`#attempt=${attemptCode(attempt('李娜'))}`, 'the link'),
			page.addLink(`#attempt=${attemptCode(attempt('李娜'))}`, 'the link')
		]);
		expect(page.rows).toHaveLength(1);
		page.dismissLink();
		expect(page.linkRow).toBeUndefined();
		expect(await storage.attempts.count()).toBe(0);

		await page.addLink(`#attempt=${attemptCode(attempt('李娜'))}`, 'the link');
		await page.store();
		expect(page.linkRow).toBeUndefined();
		expect(page.rows[0].verdict).toHaveProperty('storedId');
		expect(await storage.attempts.count()).toBe(1);
	});

	it('runs checks one after another: the same file dropped twice at once is one attempt', async () => {
		const { page } = setup();
		await Promise.all([
			page.addFiles([fileOf('a.json', attempt('Li Na'))]),
			page.addFiles([fileOf('b.json', attempt('Li Na'))])
		]);
		expect(page.rows.map((r) => r.verdict.status)).toEqual(['accepted', 'refused']);
	});

	it('says why nothing was checked when storage cannot be read', async () => {
		const { storage, page } = setup();
		storage.db.close();
		const broken = new ResultsImport(
			{
				...storage,
				attempts: {
					...storage.attempts,
					findByFingerprint: () => Promise.reject(new Error('IndexedDB is unavailable.'))
				} as unknown as TestStorage['attempts']
			},
			lookup
		);
		await broken.addFiles([fileOf('li.json', attempt('Li Na'))]);
		expect(broken.failure).toBe('IndexedDB is unavailable.');
		expect(broken.rows).toEqual([]);
		expect(page.phase).toBe('idle');
	});
});
