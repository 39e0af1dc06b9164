import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime.js';

/** The interface language. Paraglide remembers it in localStorage; this makes it reactive. */
class LocaleState {
	#current = $state<Locale>(getLocale());

	get current(): Locale {
		return this.#current;
	}

	get all(): readonly Locale[] {
		return locales;
	}

	set(locale: Locale): void {
		setLocale(locale, { reload: false });
		this.#current = locale;
		document.documentElement.lang = locale;
	}

	/** For tests. */
	reset(): void {
		this.#current = getLocale();
	}
}

export const locale = new LocaleState();
