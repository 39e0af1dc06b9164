/**
 * The library's data: the playable scenarios, and the current player's progress on them
 * (progress.ts). Read again when the page invalidates CURRENT_PLAYER (another player chosen).
 *
 * Prerendered (src/routes/+layout.ts): the HTML, and the page's first render in the browser that
 * hydrates it, show the shipped scenarios as a first visit sees them. The page then asks again
 * (CURRENT_PLAYER), and the load reads this device's scenarios, players and progress.
 *
 * The library loads the storage code (presence.ts) as it always has, so that a device's first
 * visit to it opens, and creates, the database: the players to pick from live there, and the
 * browser tests seed their rows into the database the library created. Its parts are evaluated in
 * tasks of their own: the first screen is already there (prerendered), and the whole code at once
 * was the longest task of the library's load (about 290 ms with the CPU slowed down 4 times).
 */
import { loadStorage } from '$lib/db/presence';
import { loadCatalogue } from '$lib/scenarios/catalogue';
import { hydration } from '$lib/state/hydration.svelte';
import { player } from '$lib/state/player.svelte';
import { CURRENT_PLAYER, noProgress, progressOf } from './progress';
import type { PageLoad } from './$types';

export const ssr = true;
export const prerender = true;

export const load: PageLoad = async ({ depends }) => {
	depends(CURRENT_PLAYER);
	if (!hydration.done)
		return { entries: await loadCatalogue({ stored: false }), ...noProgress(null), read: false };
	const [entries] = await Promise.all([
		loadCatalogue(),
		loadStorage({ inParts: true }).then(() => player.load(true))
	]);
	return { entries, ...(await progressOf(player.current?.id ?? null, entries)), read: true };
};
