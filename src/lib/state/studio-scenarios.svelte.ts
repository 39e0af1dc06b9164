/**
 * What the studio's manager lists besides drafts: the shipped scenario files (their text exactly
 * as written, for export and as a start) and every version a trainer stored on this device.
 */
import { scenarios as stored, type ScenarioRecord } from '$lib/db';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import type { Scenario } from '$lib/engine/scenario/schema';
import type { KnownVersion } from '$lib/studio/publish-plan';

export interface ShippedScenario {
	scenario: Scenario;
	hash: string;
	text: string;
}

export interface StoredScenario {
	record: ScenarioRecord;
	/** Undefined when the stored text no longer reads (a newer format, say). */
	scenario?: Scenario;
}

// The same lazily loaded chunks the library reads: nothing here weighs on the first page.
const shippedFiles = import.meta.glob('/scenarios/*.json', {
	query: '?raw',
	import: 'default'
}) as Record<string, () => Promise<string>>;

let shippedCache: Promise<ShippedScenario[]> | undefined;

function loadShipped(): Promise<ShippedScenario[]> {
	shippedCache ??= Promise.all(
		Object.values(shippedFiles).map(async (load) => {
			const text = await load();
			const parsed = await parseScenario(text);
			return parsed.ok ? { scenario: parsed.scenario, hash: parsed.hash, text } : undefined;
		})
	).then((list) =>
		list
			.filter((entry) => entry !== undefined)
			.sort((a, b) => a.scenario.title.localeCompare(b.scenario.title))
	);
	return shippedCache;
}

export class StudioScenarios {
	#shipped = $state.raw<ShippedScenario[]>([]);
	#stored = $state.raw<StoredScenario[]>([]);
	#storageOk = $state(true);
	#loaded = $state(false);

	get shipped(): readonly ShippedScenario[] {
		return this.#shipped;
	}
	/** Published and retired versions, by id then version. */
	get stored(): readonly StoredScenario[] {
		return this.#stored;
	}
	get storageOk(): boolean {
		return this.#storageOk;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	async load(): Promise<void> {
		this.#shipped = await loadShipped();
		try {
			const records = (await stored.list()).filter((r) => r.status !== 'draft');
			records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
			this.#stored = await Promise.all(
				records.map(async (record) => {
					const parsed = await parseScenario(record.json);
					return { record, scenario: parsed.ok ? parsed.scenario : undefined };
				})
			);
			this.#storageOk = true;
		} catch {
			this.#stored = [];
			this.#storageOk = false;
		}
		this.#loaded = true;
	}

	/** Every version of `id` that is out: shipped, published or retired. */
	known(id: string): KnownVersion[] {
		return [
			...this.#shipped
				.filter((s) => s.scenario.id === id)
				.map((s) => ({ version: s.scenario.version, hash: s.hash, source: 'shipped' as const })),
			...this.#stored
				.filter((s) => s.record.id === id)
				.map((s) => ({
					version: s.record.version,
					hash: s.record.hash,
					source: s.record.status === 'retired' ? ('retired' as const) : ('published' as const)
				}))
		];
	}

	/**
	 * The version a new version replaces: the highest one of `id` below `version` that still
	 * reads, shipped, published or retired. `previous('city-hospital-his', 2)` → the shipped v1.
	 */
	previous(
		id: string,
		version: number
	): { version: number; scenario: Scenario; source: KnownVersion['source'] } | undefined {
		const candidates = [
			...this.#shipped.map((s) => ({ scenario: s.scenario, source: 'shipped' as const })),
			...this.#stored.flatMap((s) =>
				s.scenario
					? [
							{
								scenario: s.scenario,
								source:
									s.record.status === 'retired' ? ('retired' as const) : ('published' as const)
							}
						]
					: []
			)
		].filter((c) => c.scenario.id === id && c.scenario.version < version);
		candidates.sort((a, b) => b.scenario.version - a.scenario.version);
		const best = candidates[0];
		return best && { version: best.scenario.version, ...best };
	}

	/** The newest version of `id` that reads (shipped, published or retired), if any. */
	newest(id: string): ReturnType<StudioScenarios['previous']> {
		return this.previous(id, Number.POSITIVE_INFINITY);
	}

	/** The newest version of each scenario that names `id` as its original (`translationOf`). */
	translationsOf(id: string): Scenario[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off value, not state
		const twins = new Set(
			[...this.#shipped.map((s) => s.scenario), ...this.#stored.flatMap((s) => s.scenario ?? [])]
				.filter((scenario) => scenario.translationOf?.id === id)
				.map((scenario) => scenario.id)
		);
		return [...twins].flatMap((twin) => this.newest(twin)?.scenario ?? []);
	}

	/** Every scenario id in use on this device (a fresh set each time, not live state). */
	ids(): Set<string> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off value, not state
		return new Set([
			...this.#shipped.map((s) => s.scenario.id),
			...this.#stored.map((s) => s.record.id)
		]);
	}
}

export const studioScenarios = new StudioScenarios();

/** The last scenario published in this tab, for the manager to announce. */
export const lastPublished = $state<{ current?: { id: string; version: number; text: string } }>(
	{}
);
