import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { afterEach, describe, expect, it } from 'vitest';
import { testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import {
	InvalidRecordError,
	RecordNotFoundError,
	ScenarioInUseError,
	ScenarioLockedError
} from './errors';
import { scenarioHash } from '$lib/engine/scenario/hash';
import { scenarioHashSync } from './scenario-repository';
import { testStorage, type TestStorage } from './test-support';

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

const text = (changes: object = {}, indent = 2) =>
	JSON.stringify({ ...testScenarioInput, ...changes }, null, indent);

describe('scenarioHashSync', () => {
	it('equals the engine’s scenarioHash', async () => {
		const value = JSON.parse(text());
		expect(scenarioHashSync(value)).toBe(await scenarioHash(value));
	});

	it('is the SHA-256 of the RFC 8785 form, whatever the key order and whitespace', () => {
		const value = JSON.parse(text());
		const expected = createHash('sha256').update(canonicalize(value)).digest('hex');
		expect(scenarioHashSync(value)).toBe(expected);
		const reordered = Object.fromEntries(Object.entries(value).reverse());
		expect(scenarioHashSync(reordered)).toBe(expected);
		expect(scenarioHashSync({ ...value, title: 'Other' })).not.toBe(expected);
	});
});

describe('scenarios', () => {
	it('stores a format-1 file as written, read as format 2', async () => {
		const s = storage();
		const old = text({ format: 'sales-sim/scenario@1' });
		const record = await s.scenarios.save(old, 'published');
		expect(record).toMatchObject({ id: 'test-plant', version: 1, status: 'published' });
		expect(record.json).toBe(old);
		expect(record.hash).toBe(scenarioHashSync(JSON.parse(old)));
		await expect(s.scenarios.save(text({ format: 'sales-sim/scenario@9' }))).rejects.toThrow(
			InvalidRecordError
		);
	});

	it('stores each version with its hash and the text as written', async () => {
		const s = storage();
		const v1 = await s.scenarios.save(text(), 'published');
		expect(v1).toMatchObject({ id: 'test-plant', version: 1, status: 'published' });
		expect(v1.hash).toBe(scenarioHashSync(JSON.parse(text())));
		expect(v1.json).toBe(text());
		const v2 = await s.scenarios.save(text({ version: 2, title: 'Second edition' }));
		expect(v2.status).toBe('draft');
		expect((await s.scenarios.versions('test-plant')).map((r) => r.version)).toEqual([1, 2]);
		expect((await s.scenarios.latest('test-plant'))?.version).toBe(2);
		expect((await s.scenarios.latest('test-plant', 'published'))?.version).toBe(1);
		expect(await s.scenarios.nextVersion('test-plant')).toBe(3);
		expect(await s.scenarios.nextVersion('brand-new')).toBe(1);
		expect((await s.scenarios.list('draft')).map((r) => r.version)).toEqual([2]);
		expect(await s.scenarios.list()).toHaveLength(2);
	});

	it('keeps the change note a version was published with, and refuses an empty one', async () => {
		const s = storage();
		const v2 = await s.scenarios.save(text({ version: 2 }), 'published', {
			note: '  Budget cut to 35,000.  '
		});
		expect(v2.note).toBe('Budget cut to 35,000.');
		expect((await s.scenarios.get('test-plant', 2))?.note).toBe('Budget cut to 35,000.');
		expect((await s.scenarios.save(text({ version: 3 }), 'published')).note).toBeUndefined();
		await expect(
			s.scenarios.save(text({ version: 4 }), 'published', { note: '   ' })
		).rejects.toBeInstanceOf(InvalidRecordError);
	});

	it('rewrites a draft, but freezes a published version', async () => {
		const s = storage();
		await s.scenarios.save(text());
		const edited = await s.scenarios.save(text({ title: 'Edited' }));
		expect(JSON.parse(edited.json).title).toBe('Edited');
		await s.scenarios.publish('test-plant', 1);
		await expect(s.scenarios.save(text({ title: 'Sneaky' }))).rejects.toEqual(
			new ScenarioLockedError('test-plant', 1)
		);
		// The same content, only re-indented, is the same scenario: accepted, nothing changes.
		expect((await s.scenarios.save(text({ title: 'Edited' }, 4))).json).toBe(edited.json);
		const retired = await s.scenarios.retire('test-plant', 1);
		expect(retired.status).toBe('retired');
		await expect(s.scenarios.publish('test-plant', 9)).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it.each([
		['text that is not JSON', '{ "id": ', 'json'],
		['a file that is not a scenario', JSON.stringify({ ...testScenarioInput, peolpe: [] }), 'json'],
		['an invalid id', text({ id: 'Bad Id' }), 'json.id']
	])('refuses %s, naming where', async (_, json, path) => {
		const s = storage();
		const error = await s.scenarios.save(json).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidRecordError);
		expect((error as InvalidRecordError).issues.map((i) => i.path)).toContain(path);
		expect(await s.scenarios.list()).toEqual([]);
	});

	it('deletes an unplayed version, and refuses one that has results or deals', async () => {
		const s = storage();
		const stored = await s.scenarios.save(text(), 'published');
		const player = await s.players.create('Li Na');
		await s.deals.start({
			scenarioId: stored.id,
			scenarioVersion: 1,
			scenarioHash: stored.hash,
			playerId: player.id,
			mode: 'practice',
			snapshot: {},
			snapshotVersion: 1
		});
		await expect(s.scenarios.remove('test-plant', 1)).rejects.toEqual(
			new ScenarioInUseError('test-plant', 1, 0, 1)
		);
		await s.scenarios.save(text({ version: 2 }));
		await s.scenarios.remove('test-plant', 2);
		expect((await s.scenarios.versions('test-plant')).map((r) => r.version)).toEqual([1]);
	});
});
