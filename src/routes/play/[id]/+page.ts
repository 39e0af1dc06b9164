/**
 * The play page's data: the scenario (an unknown one is a 404, src/routes/+error.svelte), who
 * plays (the app's PlayerState: its storage is injected, and on a device with no database it
 * reads nothing and loads no storage code), the competitions open on this scenario, and the
 * player's deal in progress on it, to resume.
 *
 * Prerendered for each shipped scenario (src/routes/+layout.ts): the HTML, and the render that
 * hydrates it, show the scenario's frame and its setup form as a device that stores nothing sees
 * them (`read: false`); once hydrated, the layout has the load run again (src/routes/+layout.svelte)
 * and it reads who plays, the competitions and a deal to resume. Any other id (a trainer's
 * scenario) is rendered in the browser from the fallback page.
 */
import { error } from '@sveltejs/kit';
import type { CompetitionRecord, DealRecord } from '$lib/db';
import { storedData } from '$lib/db/presence';
import { findScenario, type CatalogueEntry } from '$lib/scenarios/catalogue';
import { shippedList } from '$lib/scenarios/shipped-list';
import { hydration } from '$lib/state/hydration.svelte';
import { player } from '$lib/state/player.svelte';
import type { EntryGenerator, PageLoad } from './$types';

export const ssr = true;
export const prerender = 'auto';
export const entries: EntryGenerator = () => shippedList().map(({ id }) => ({ id }));

type StorageModule = NonNullable<Awaited<ReturnType<typeof storedData>>>;

async function competitionsFor(
	stored: StorageModule,
	played: CatalogueEntry
): Promise<CompetitionRecord[]> {
	try {
		const { openCompetitionsFor } = await import('$lib/scoreboard/ranking');
		return openCompetitionsFor(await stored.competitions.list(), played.scenario, Date.now());
	} catch {
		return [];
	}
}

async function dealInProgress(
	stored: StorageModule,
	playerId: string,
	played: CatalogueEntry
): Promise<DealRecord | undefined> {
	try {
		return (await stored.deals.listUnfinished(playerId)).find(
			(deal) =>
				deal.scenarioId === played.scenario.id && deal.scenarioVersion === played.scenario.version
		);
	} catch {
		// Unreadable: the setup form offers a new deal, whose first write says what is wrong.
		return undefined;
	}
}

export const load: PageLoad = async ({ params }) => {
	const entry = await findScenario(params.id);
	if (!entry) error(404, { message: 'No such scenario', missing: 'scenario' });
	if (!hydration.done)
		return { entry, storageOk: true, competitions: [], open: undefined, read: false };
	await player.load(true);
	// `memory`: IndexedDB is unavailable here; the trainee plays on without saving.
	const storageOk = player.status !== 'memory';
	// Only where this device has a database (presence.ts): a first visit reads nothing.
	const stored = storageOk ? await storedData() : undefined;
	const playerId = player.current?.id;
	const [competitions, open] = stored
		? await Promise.all([
				competitionsFor(stored, entry),
				playerId ? dealInProgress(stored, playerId, entry) : undefined
			])
		: [[], undefined];
	return { entry, storageOk, competitions, open, read: true };
};
