/**
 * The library's data: the playable scenarios, and the current player's progress on them
 * (progress.ts). Read again when the page invalidates CURRENT_PLAYER (another player chosen).
 *
 * The library loads the storage code (presence.ts) as it always has, so that a device's first
 * visit to it opens, and creates, the database: the players to pick from live there, and the
 * browser tests seed their rows into the database the library created.
 */
import { loadStorage } from '$lib/db/presence';
import { loadCatalogue } from '$lib/scenarios/catalogue';
import { player } from '$lib/state/player.svelte';
import { CURRENT_PLAYER, progressOf } from './progress';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends(CURRENT_PLAYER);
	const [entries] = await Promise.all([
		loadCatalogue(),
		loadStorage().then(() => player.load(true))
	]);
	return { entries, ...(await progressOf(player.current?.id ?? null, entries)) };
};
