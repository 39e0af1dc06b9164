/**
 * The scenarios the hub verifies attempts on: the shipped files in scenarios/ (read once, through
 * the validator, as the app reads them) and the versions a trainer published to a class. Parsed
 * scenarios are kept in memory; a published version never changes (store.ts refuses a second
 * text under the same id and version), so the cache never goes stale.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownScenario, ScenarioLookup } from '../lib/engine/results/verify-attempt';
import { parseScenario } from '../lib/engine/scenario/parse-scenario';
import type { Store } from './store';

/** Reads and validates every scenarios/*.json; a file that does not validate is reported and left out. */
export async function loadShipped(
	folder: string,
	warn: (line: string) => void = console.warn
): Promise<KnownScenario[]> {
	const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
	const out: KnownScenario[] = [];
	for (const name of names) {
		const parsed = await parseScenario(await readFile(join(folder, name), 'utf8'));
		if (parsed.ok) out.push({ scenario: parsed.scenario, hash: parsed.hash });
		else warn(`scenarios/${name} does not validate and is left out: ${parsed.errors[0]?.message}`);
	}
	return out;
}

export class ScenarioCatalogue {
	private readonly published = new Map<string, Promise<KnownScenario | undefined>>();

	constructor(
		readonly shipped: readonly KnownScenario[],
		private readonly store: Store
	) {}

	shippedVersion(id: string, version: number): KnownScenario | undefined {
		return this.shipped.find((k) => k.scenario.id === id && k.scenario.version === version);
	}

	/** The lookup `verifyAttempt` uses for one class: shipped scenarios, then the class's own. */
	lookupFor(code: string): ScenarioLookup {
		return {
			find: async (id, version) =>
				this.shippedVersion(id, version) ?? (await this.publishedVersion(code, id, version)),
			versions: async (id) => [
				...new Set([
					...this.shipped.filter((k) => k.scenario.id === id).map((k) => k.scenario.version),
					...(await this.store.publishedVersions(code, id))
				])
			]
		};
	}

	private publishedVersion(code: string, id: string, version: number) {
		const key = JSON.stringify([code, id, version]);
		let found = this.published.get(key);
		if (!found) {
			found = this.store.publishedScenario(code, id, version).then(async (row) => {
				if (!row) {
					this.published.delete(key);
					return undefined;
				}
				const parsed = await parseScenario(row.text);
				return parsed.ok ? { scenario: parsed.scenario, hash: parsed.hash } : undefined;
			});
			this.published.set(key, found);
		}
		return found;
	}
}
