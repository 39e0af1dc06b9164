import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { builtSchema } from '$lib/engine/built-schema';

// Each case loads the storage code afresh, as a page does: its schemas are the module's own.
let records: typeof import('./records');
let settings: typeof import('./setting-repository');
let kpi: typeof import('$lib/skills/kpi');
let support: typeof import('./test-support');
beforeEach(async () => {
	vi.resetModules();
	records = await import('./records');
	settings = await import('./setting-repository');
	kpi = await import('$lib/skills/kpi');
	support = await import('./test-support');
});

/**
 * Whether a lazy schema was built: Zod keeps the schema it built on the lazy one's definition
 * (a Zod internal: should it move, "a write builds…" below fails, and this needs updating).
 */
function built(schema: z.ZodLazy): boolean {
	expect(schema._zod.def.type).toBe('lazy');
	return (schema._zod.def as { _cachedInner?: unknown })._cachedInner !== undefined;
}

describe('record schemas', () => {
	it('are not built by loading the storage code and reading', async () => {
		const storage = support.testStorage();
		await storage.open();
		await storage.players.list();
		await storage.deals.listUnfinished();
		await storage.settings.get('currentPlayerId');
		for (const table of records.TABLE_NAMES)
			expect(built(records.RECORD_SCHEMAS[table]), table).toBe(false);
		// Nor the fields they share, nor the KPI definition.
		const { timeSchema, recordIdSchema, hashSchema, nameSchema, seedSchema, rulesSchema } = records;
		const shared = { timeSchema, recordIdSchema, hashSchema, nameSchema, seedSchema, rulesSchema };
		for (const [name, schema] of Object.entries(shared)) expect(built(schema), name).toBe(false);
		expect(built(kpi.kpiDefinitionSchema)).toBe(false);
		// A setting's read builds its own schema only, to check the value stored (written here
		// around the repository, which would build it to check the write).
		for (const key of Object.keys(settings.SETTINGS) as (keyof typeof settings.SETTINGS)[])
			expect(built(settings.SETTINGS[key]), key).toBe(false);
		await storage.db.settings.put({ key: 'firstPlaySeen', value: true });
		expect(built(settings.SETTINGS.firstPlaySeen)).toBe(false);
		expect(await storage.settings.get('firstPlaySeen')).toBe(true);
		expect(built(settings.SETTINGS.firstPlaySeen)).toBe(true);
		expect(built(settings.SETTINGS.hubClass)).toBe(false);
		storage.db.close();
	});

	it('are built at the first write, each when it checks its first row', async () => {
		const storage = support.testStorage();
		const player = await storage.players.create('Li Na');
		expect(built(records.playerRecordSchema)).toBe(true);
		expect(built(records.attemptRecordSchema)).toBe(false);
		// The schema built is the one the lazy one parses with, and stays the same.
		const schema = builtSchema(records.playerRecordSchema);
		expect(builtSchema(records.playerRecordSchema)).toBe(schema);
		expect(schema.parse(player)).toEqual(player);
		expect(() => records.playerRecordSchema.parse({ ...player, createdAt: -1 })).toThrow();
		storage.db.close();
	});
});
