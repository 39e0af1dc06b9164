/**
 * The scenarios this device knows, as the verifier looks them up: the shipped files, their
 * archived earlier versions, and every version a trainer stored (retired ones too, so that old results still verify).
 */
import { scenarios as stored } from '$lib/db';
import type { ScenarioLookup } from '$lib/engine/results/verify-attempt';
import { archivedVersions, findScenario, shippedScenarios } from '$lib/scenarios/catalogue';

export const deviceScenarios: ScenarioLookup = {
	find: (id, version) => findScenario(id, version),
	async versions(id) {
		const shipped = (await shippedScenarios())
			.filter((entry) => entry.scenario.id === id)
			.map((entry) => entry.scenario.version);
		let trainer: number[] = [];
		try {
			trainer = (await stored.versions(id)).map((record) => record.version);
		} catch {
			// Storage unavailable: the shipped versions are all this device can offer.
		}
		return [...new Set([...shipped, ...archivedVersions(id), ...trainer])];
	}
};
