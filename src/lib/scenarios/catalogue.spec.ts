import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { archivedVersions, findScenario, loadCatalogue, shippedScenarios } from './catalogue';
import { shippedList } from './shipped-list';

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

// The build validates and hashes the shipped files (scripts/shipped-scenarios-plugin.ts): what it
// hands the browser must be what the validator gives for each file's text, or attempts played
// on a shipped scenario would carry another hash than the hub and the command line compute.
describe('shipped scenarios checked at build time', () => {
	const files = [
		...readdirSync('scenarios')
			.filter((f) => f.endsWith('.json'))
			.map((f) => `scenarios/${f}`),
		...readdirSync('scenarios/archive').map((f) => `scenarios/archive/${f}`)
	];

	it('are, for every file, the scenario and hash the validator gives for its text', async () => {
		for (const file of files) {
			const parsed = await parseScenario(readFileSync(file, 'utf8'));
			if (!parsed.ok) throw new Error(`${file} does not validate`);
			const { id, version } = parsed.scenario;
			const entry = await findScenario(id, version);
			expect(entry?.hash, file).toBe(parsed.hash);
			// As the validator gives it, defaults applied: after JSON, nothing lost or added.
			expect(entry?.scenario, file).toStrictEqual(parsed.scenario);
		}
	});

	it('list the offered scenarios with their titles and hashes, without the files', async () => {
		const entries = await shippedScenarios();
		expect(shippedList().map((s) => s.id)).toEqual(
			[...entries]
				.sort((a, b) => a.scenario.title.localeCompare(b.scenario.title))
				.map((e) => e.scenario.id)
		);
		for (const summary of shippedList()) {
			const entry = entries.find((e) => e.scenario.id === summary.id)!;
			expect(summary).toEqual({
				id: entry.scenario.id,
				version: entry.scenario.version,
				title: entry.scenario.title,
				locale: entry.scenario.locale,
				difficulty: entry.scenario.difficulty,
				hash: entry.hash
			});
		}
	});
});
