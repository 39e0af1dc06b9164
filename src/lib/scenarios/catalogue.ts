/**
 * The scenarios a trainee can play on this device: the shipped files in scenarios/ and the
 * versions a trainer published in the studio (kept in IndexedDB). The shipped files were read
 * through the validator and hashed by the build (scripts/shipped-scenarios-plugin.ts); a
 * trainer's are read through it here, so the browser plays exactly what the command line checks.
 * The validator and the storage code are loaded only when a trainer's scenario is read.
 */
import { customerGroup, type CustomerGroupId } from '$lib/engine/methodology';
import type { Scenario } from '$lib/engine/scenario/schema';
import { storedData } from '$lib/db/presence';

export interface CatalogueEntry {
	scenario: Scenario;
	hash: string;
	group: CustomerGroupId;
	source: 'shipped' | 'trainer';
}

/** A shipped file as the build checked it: what `parseScenario` gives for its text. */
interface Checked {
	scenario: Scenario;
	hash: string;
}

// Each file becomes its own lazily loaded chunk: no scenario weighs on the first page.
const shippedFiles = import.meta.glob('/scenarios/*.json', {
	query: '?checked',
	import: 'default'
}) as Record<string, () => Promise<Checked>>;

function entryOf({ scenario, hash }: Checked, source: CatalogueEntry['source']): CatalogueEntry {
	return { scenario, hash, source, group: customerGroup(scenario.customer.ourShare) };
}

/** A trainer's scenario text, through the validator (loaded with it). */
async function read(text: string): Promise<CatalogueEntry | undefined> {
	const { parseScenario } = await import('$lib/engine/scenario/parse-scenario');
	const parsed = await parseScenario(text);
	return parsed.ok ? entryOf(parsed, 'trainer') : undefined;
}

/**
 * Earlier versions of the shipped scenarios, kept so that a result played on one can still be
 * verified, shown and ranked: `scenarios/archive/<id>@<version>.json`. Never offered for play.
 */
const archivedFiles = import.meta.glob('/scenarios/archive/*.json', {
	query: '?checked',
	import: 'default'
}) as Record<string, () => Promise<Checked>>;

const ARCHIVE_NAME = /^\/scenarios\/archive\/([a-z0-9-]+)@(\d+)\.json$/;

/** The archived versions of a shipped scenario, from the file names alone. */
export function archivedVersions(id: string): number[] {
	return Object.keys(archivedFiles).flatMap((path) => {
		const match = ARCHIVE_NAME.exec(path);
		return match && match[1] === id ? [Number(match[2])] : [];
	});
}

async function archivedEntry(id: string, version: number): Promise<CatalogueEntry | undefined> {
	const load = archivedFiles[`/scenarios/archive/${id}@${version}.json`];
	if (!load) return undefined;
	const entry = entryOf(await load(), 'shipped');
	return entry.scenario.id === id && entry.scenario.version === version ? entry : undefined;
}

let shippedCache: Promise<CatalogueEntry[]> | undefined;

/** The shipped scenarios, read once. */
export function shippedScenarios(): Promise<CatalogueEntry[]> {
	shippedCache ??= Promise.all(
		Object.values(shippedFiles).map(async (load) => entryOf(await load(), 'shipped'))
	);
	return shippedCache;
}

/** Published trainer scenarios; none when storage is unavailable or this device has none. */
export async function trainerScenarios(): Promise<CatalogueEntry[]> {
	try {
		const storage = await storedData();
		if (!storage) return [];
		const records = await storage.scenarios.list('published');
		const entries = await Promise.all(records.map((record) => read(record.json)));
		return entries.filter((entry) => entry !== undefined);
	} catch {
		return [];
	}
}

/**
 * Every playable scenario, the newest version of each id: a trainer's published version
 * replaces a shipped one with the same id and a lower version. `stored: false`: the shipped ones
 * only, as a device that stores nothing has them (a prerendered page).
 */
export async function loadCatalogue({ stored = true } = {}): Promise<CatalogueEntry[]> {
	const all = [...(await shippedScenarios()), ...(stored ? await trainerScenarios() : [])];
	const newest = new Map<string, CatalogueEntry>();
	for (const entry of all) {
		const current = newest.get(entry.scenario.id);
		if (!current || entry.scenario.version > current.scenario.version)
			newest.set(entry.scenario.id, entry);
	}
	return [...newest.values()].sort((a, b) => a.scenario.title.localeCompare(b.scenario.title));
}

/**
 * The shipped file named after `id` (every shipped file is), read alone: a page that plays one
 * scenario need not download and validate all of them. Undefined when there is no such file or
 * it holds another id; callers then fall back to reading every file.
 */
async function shippedById(id: string): Promise<CatalogueEntry | undefined> {
	const load = shippedFiles[`/scenarios/${id}.json`];
	if (!load) return undefined;
	const entry = entryOf(await load(), 'shipped');
	return entry.scenario.id === id ? entry : undefined;
}

/**
 * One scenario by id, and version when given (any stored version, retired ones too, so that a
 * result can always be shown against the scenario it was played on). `stored: false`, without a
 * version: among the shipped scenarios only, as a device that stores nothing finds it (a
 * prerendered page, and the render that hydrates it), without loading the storage code.
 */
export async function findScenario(
	id: string,
	version?: number,
	{ stored = true } = {}
): Promise<CatalogueEntry | undefined> {
	const named = await shippedById(id);
	if (version === undefined) {
		if (!named) return (await loadCatalogue({ stored })).find((entry) => entry.scenario.id === id);
		// As loadCatalogue: the newest version, the shipped one on a tie.
		let newest = named;
		for (const entry of stored ? await trainerScenarios() : []) {
			if (entry.scenario.id === id && entry.scenario.version > newest.scenario.version)
				newest = entry;
		}
		return newest;
	}
	const shipped =
		named?.scenario.version === version
			? named
			: (await shippedScenarios()).find(
					(entry) => entry.scenario.id === id && entry.scenario.version === version
				);
	if (shipped) return shipped;
	const archived = await archivedEntry(id, version);
	if (archived) return archived;
	try {
		const record = await (await storedData())?.scenarios.get(id, version);
		return record ? await read(record.json) : undefined;
	} catch {
		return undefined;
	}
}
