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
import { databaseMayExist, storedData } from '$lib/db/presence';
import { prepareMoney } from '$lib/i18n/money';
import { findScenario, type CatalogueEntry } from '$lib/scenarios/catalogue';
import { shippedList } from '$lib/scenarios/shipped-list';
import { hydration } from '$lib/state/hydration.svelte';
import { locale } from '$lib/state/locale.svelte';
import { player } from '$lib/state/player.svelte';
import type { EntryGenerator, PageLoad } from './$types';

export const ssr = true;
export const prerender = 'auto';
export const entries: EntryGenerator = () => shippedList().map(({ id }) => ({ id }));

/** The open competitions on `played` among those stored (none when they could not be read). */
async function competitionsFor(
	played: CatalogueEntry,
	stored: Promise<CompetitionRecord[] | undefined>,
	ranking: Promise<typeof import('$lib/scoreboard/ranking') | undefined>
): Promise<CompetitionRecord[]> {
	try {
		const [loaded, competitions] = await Promise.all([ranking, stored]);
		if (!competitions) return [];
		const { openCompetitionsFor } = loaded ?? (await import('$lib/scoreboard/ranking'));
		return openCompetitionsFor(competitions, played.scenario, Date.now());
	} catch {
		return [];
	}
}

/** The player's deal in progress on `played`, the most recently played first. */
async function dealInProgress(
	stored: Promise<DealRecord[] | undefined>,
	playerId: string,
	played: CatalogueEntry
): Promise<DealRecord | undefined> {
	// Unreadable (undefined): the setup form offers a new deal, whose first write says what is wrong.
	return (await stored)?.find(
		(deal) =>
			deal.playerId === playerId &&
			deal.scenarioId === played.scenario.id &&
			deal.scenarioVersion === played.scenario.version
	);
}

export const load: PageLoad = async ({ params }) => {
	// Prerendered, or hydrating the prerendered frame (hydration.svelte.ts): nothing stored is read
	// yet, not even a trainer's newer version of the scenario (the HTML shows the shipped one); the
	// layout loads the page again once it is hydrated.
	if (!hydration.done) {
		const entry = await findScenario(params.id, undefined, { stored: false });
		if (!entry) error(404, { message: 'No such scenario', missing: 'scenario' });
		return { entry, storageOk: true, competitions: [], open: undefined, read: false };
	}
	// Asked for together, not one after the other: the scenario's module; the storage code (only
	// where this device has a database, presence.ts: a first visit reads nothing) and, as soon as
	// it is there, the deals in progress and the competitions (a few rows each), beside the
	// player's read; and the ranking code, which a device with a database needs.
	const storing = storedData();
	const unreadable = () => undefined;
	const deals = storing.then((stored) => stored?.deals.listUnfinished()).catch(unreadable);
	const competitions = storing.then((stored) => stored?.competitions.list()).catch(unreadable);
	const ranking = databaseMayExist()
		.then((exists) => (exists ? import('$lib/scoreboard/ranking') : undefined))
		.catch(unreadable);
	const [entry] = await Promise.all([
		findScenario(params.id).then((found) => {
			// Its money formatter made while the storage code loads, not in the task that draws the
			// deal (which on a resume comes before the browser is ever idle).
			if (found) prepareMoney(found.scenario.deal.currency, locale.current, { soon: true });
			return found;
		}),
		player.load(true)
	]);
	if (!entry) error(404, { message: 'No such scenario', missing: 'scenario' });
	// `memory`: IndexedDB is unavailable here; the trainee plays on without saving.
	const storageOk = player.status !== 'memory';
	const playerId = player.current?.id;
	const [open, listed] = storageOk
		? await Promise.all([
				playerId ? dealInProgress(deals, playerId, entry) : undefined,
				competitionsFor(entry, competitions, ranking)
			])
		: [undefined, []];
	return { entry, storageOk, competitions: listed, open, read: true };
};
