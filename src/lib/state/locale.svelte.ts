import { browser } from '$app/environment';
import {
	baseLocale,
	getLocale,
	locales,
	overwriteGetLocale,
	setLocale,
	type Locale
} from '$lib/paraglide/runtime.js';
import { startedFromHtml } from './hydration.svelte';

/** Paraglide's own choice: the stored one, the browser's languages, then English. */
const resolveLocale = getLocale;

/** The language of this device (English when rendered on the server at build time). */
const chosen: Locale = getLocale();

/**
 * A prerendered page is in English: it is hydrated in English, whatever the device reads in, and
 * switched to the device's language right after (`applyChosen`). Until then every message, and
 * every `getLocale()`, is English. The page is kept invisible meanwhile (src/app.html).
 */
const hydratingIn: Locale | undefined =
	browser && startedFromHtml && chosen !== baseLocale ? baseLocale : undefined;

/**
 * The language every message is in now. Each message asks Paraglide's `getLocale()`, whose own
 * answer reads localStorage and the browser's languages every time (5 to 8 % of a page's render,
 * traced); in the browser it is answered from here, and changes only through `set` and
 * `applyChosen`.
 */
let inForce: Locale = hydratingIn ?? chosen;
if (browser) overwriteGetLocale(() => inForce);

/** The interface language. Paraglide remembers it in localStorage; this makes it reactive. */
class LocaleState {
	#current = $state<Locale>(hydratingIn ?? chosen);

	get current(): Locale {
		return this.#current;
	}

	get all(): readonly Locale[] {
		return locales;
	}

	set(locale: Locale): void {
		setLocale(locale, { reload: false });
		inForce = locale;
		this.#current = locale;
		document.documentElement.lang = locale;
	}

	/**
	 * After hydrating a prerendered page: the device's own language from now on (the layout
	 * renders again in it, from `current`). False where the page already is in it.
	 */
	applyChosen(): boolean {
		const own = resolveLocale();
		if (this.#current === own) return false;
		inForce = own;
		this.#current = own;
		return true;
	}

	/** For tests. */
	reset(): void {
		inForce = resolveLocale();
		this.#current = inForce;
	}
}

export const locale = new LocaleState();
