import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioVersions } from './scoreboard-data';

describe('scenarioVersions', () => {
	it('knows every shipped and archived version, and marks playable only what the library offers', async () => {
		const list = await scenarioVersions();
		const archived = readdirSync('scenarios/archive').map((f) => f.replace(/\.json$/, ''));
		for (const key of archived) {
			const option = list.find((o) => `${o.id}@${o.version}` === key);
			expect(option, key).toMatchObject({ playable: false });
		}
		const playable = list.filter((o) => o.playable);
		// One playable version per shipped scenario: its newest.
		expect(playable.map((o) => o.id).sort()).toEqual(
			readdirSync('scenarios')
				.filter((f) => f.endsWith('.json'))
				.map((f) => f.replace(/\.json$/, ''))
				.sort()
		);
		for (const option of playable) {
			const others = list.filter((o) => o.id === option.id && o !== option);
			for (const other of others) expect(other.version).toBeLessThan(option.version);
		}
	});
});
