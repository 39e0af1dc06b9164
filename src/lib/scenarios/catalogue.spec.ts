import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archivedVersions, findScenario, loadCatalogue, shippedScenarios } from './catalogue';

// Under Node there is no IndexedDB: the catalogue holds the shipped files only.
const shipped = readdirSync('scenarios')
	.filter((f) => f.endsWith('.json'))
	.map(
		(f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { id: string; version: number }
	);

describe('findScenario', () => {
	it('finds every shipped scenario by id, and by id and version, as the whole catalogue does', async () => {
		const all = await shippedScenarios();
		for (const { id, version } of shipped) {
			const byId = await findScenario(id);
			expect(byId?.scenario.id).toBe(id);
			expect(byId?.hash).toBe(all.find((e) => e.scenario.id === id)?.hash);
			expect((await findScenario(id, version))?.scenario.version).toBe(version);
		}
	});

	it.each([
		{ name: 'an unknown id', id: 'no-such-scenario', version: undefined },
		{ name: 'a version never shipped', id: shipped[0].id, version: shipped[0].version + 99 }
	])('finds nothing for $name', async ({ id, version }) => {
		expect(await findScenario(id, version)).toBeUndefined();
	});
});

describe('archived versions', () => {
	const archive = readdirSync('scenarios/archive').map((f) => /^(.+)@(\d+)\.json$/.exec(f)!);

	it('finds every archived version, so that a result played on it still verifies', async () => {
		expect(archive.length).toBeGreaterThan(0);
		for (const [, id, version] of archive) {
			expect(archivedVersions(id)).toContain(Number(version));
			const entry = await findScenario(id, Number(version));
			expect(entry?.scenario).toMatchObject({ id, version: Number(version) });
			// Not the shipped file: an older version with its own content.
			expect(entry?.hash).not.toBe((await findScenario(id))?.hash);
		}
	});

	it('offers only the newest version of each scenario to play', async () => {
		const catalogue = await loadCatalogue();
		expect(catalogue.map((e) => e.scenario.id).sort()).toEqual(shipped.map((s) => s.id).sort());
		for (const entry of catalogue) {
			const newest = shipped.find((s) => s.id === entry.scenario.id)!;
			expect(entry.scenario.version).toBe(newest.version);
			for (const old of archivedVersions(entry.scenario.id))
				expect(old).toBeLessThan(entry.scenario.version);
		}
	});
});
