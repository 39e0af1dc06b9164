/**
 * The scenarios a trainee can play on this device: the shipped files in scenarios/ and the
 * versions a trainer published in the studio (kept in IndexedDB). Each is read through the
 * validator, so the browser plays exactly what the command line checks.
 */
import { customerGroup, type CustomerGroupId } from '$lib/engine/methodology';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import type { Scenario } from '$lib/engine/scenario/schema';
import { scenarios as stored } from '$lib/db';

export interface CatalogueEntry {
	scenario: Scenario;
	hash: string;
	group: CustomerGroupId;
	source: 'shipped' | 'trainer';
}

// Each file becomes its own lazily loaded chunk: no scenario weighs on the first page.
const shippedFiles = import.meta.glob('/scenarios/*.json', {
	query: '?raw',
	import: 'default'
}) as Record<string, () => Promise<string>>;

async function read(
	text: string,
	source: CatalogueEntry['source']
): Promise<CatalogueEntry | undefined> {
	const parsed = await parseScenario(text);
	if (!parsed.ok) return undefined;
	const { scenario, hash } = parsed;
	return { scenario, hash, source, group: customerGroup(scenario.customer.ourShare) };
}

/**
 * Earlier versions of the shipped scenarios, kept so that a result played on one can still be
 * verified, shown and ranked: `scenarios/archive/<id>@<version>.json`. Never offered for play.
 */
const archivedFiles = import.meta.glob('/scenarios/archive/*.json', {
	query: '?raw',
	import: 'default'
}) as Record<string, () => Promise<string>>;

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
	const entry = await read(await load(), 'shipped');
	return entry?.scenario.id === id && entry.scenario.version === version ? entry : undefined;
}

let shippedCache: Promise<CatalogueEntry[]> | undefined;

/** The shipped scenarios, read once. */
export function shippedScenarios(): Promise<CatalogueEntry[]> {
	shippedCache ??= Promise.all(
		Object.values(shippedFiles).map(async (load) => read(await load(), 'shipped'))
	).then((entries) => entries.filter((entry) => entry !== undefined));
	return shippedCache;
}

/** Published trainer scenarios; none when storage is unavailable. */
async function trainerScenarios(): Promise<CatalogueEntry[]> {
	try {
		const records = await stored.list('published');
		const entries = await Promise.all(records.map((record) => read(record.json, 'trainer')));
		return entries.filter((entry) => entry !== undefined);
	} catch {
		return [];
	}
}

/**
 * Every playable scenario, the newest version of each id: a trainer's published version
 * replaces a shipped one with the same id and a lower version.
 */
export async function loadCatalogue(): Promise<CatalogueEntry[]> {
	const all = [...(await shippedScenarios()), ...(await trainerScenarios())];
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
	const entry = await read(await load(), 'shipped');
	return entry?.scenario.id === id ? entry : undefined;
}

/**
 * One scenario by id, and version when given (any stored version, retired ones too, so that a
 * result can always be shown against the scenario it was played on).
 */
export async function findScenario(
	id: string,
	version?: number
): Promise<CatalogueEntry | undefined> {
	const named = await shippedById(id);
	if (version === undefined) {
		if (!named) return (await loadCatalogue()).find((entry) => entry.scenario.id === id);
		// As loadCatalogue: the newest version, the shipped one on a tie.
		let newest = named;
		for (const entry of await trainerScenarios()) {
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
		const record = await stored.get(id, version);
		return record ? await read(record.json, 'trainer') : undefined;
	} catch {
		return undefined;
	}
}
