import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findScenario, shippedScenarios } from './catalogue';

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
