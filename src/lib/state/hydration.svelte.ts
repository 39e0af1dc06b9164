/**
 * Pages prerendered at build time (home, library, handbook, a shipped scenario's play page) arrive
 * with their first screen in the HTML, in English and as a first visit sees it; the app then
 * hydrates that HTML, which its first render must match exactly. What the HTML could not know (the
 * device's language, what IndexedDB holds, the address's query) is applied once hydration is
 * done, in places the HTML already reserves (docs/architecture.md, "Prerendered first screens").
 *
 * Elsewhere (the fallback page, 200.html, for every other path) the app renders from nothing, and
 * a page may show stored data at once.
 */
import { browser } from '$app/environment';

/**
 * This tab started on a prerendered page: the layout's `<main>` was in the HTML before the app's
 * code ran (the fallback page has none). Read once, when the app's code is first evaluated.
 */
export const startedFromHtml = browser && document.getElementById('main') !== null;

class Hydration {
	// On the server, pages render what the HTML shows; in the browser, a page rendered from
	// nothing may show everything at once.
	#done = $state(browser && !startedFromHtml);

	/** The first render is over (or there was nothing to hydrate): pages may show stored data. */
	get done(): boolean {
		return this.#done;
	}

	/** Called by the layout once the prerendered page is hydrated. */
	finish(): void {
		this.#done = true;
	}
}

export const hydration = new Hydration();
