/**
 * Input given to a prerendered page before the app's code has hydrated it. Until then its
 * controls are only HTML: a press of the handbook's guide button, a choice in the library's
 * filter or in the language switch would be lost. An inline script in src/app.html keeps them
 * (presses of plain buttons, and each field's last value with the kind of event that gave it);
 * the layout (src/routes/+layout.svelte) says when the page is hydrated (`earlyInputHydrated`)
 * and has them played again, in order, once the device's language is applied and the page has
 * read what is stored (`replayEarlyInput`).
 */

/** One kept input: a button's press, or a field's value as the trainee left it. */
export interface EarlyInput {
	element: Element;
	type: 'click' | 'input' | 'change';
	value?: string;
	checked?: boolean;
}

declare global {
	interface Window {
		/** Set by src/app.html's inline script; taken away by `replayEarlyInput`. */
		__earlyInput?: { queue: EarlyInput[]; hydrated(): void; stop(): void };
	}
}

/** The inline script's keeper, where the page has one (not in Node, not twice). */
function keeper(): Window['__earlyInput'] {
	return typeof window === 'undefined' ? undefined : window.__earlyInput;
}

/**
 * Says that the page is hydrated, as soon as it is (the layout's onMount): from then on its own
 * handlers answer, so nothing more is kept, and a field given a value now loses the one kept for
 * it (played later, it would undo the newer one); a button pressed again now loses its kept
 * presses (the trainee pressed again because the first press did nothing).
 */
export function earlyInputHydrated(): void {
	keeper()?.hydrated();
}

/**
 * Plays the kept input again on the hydrated page, and stops keeping: each press as a click on
 * its button, each field given back its value (hydration may have set it anew from the page's
 * state) with the event that brought it, so that the page's handlers see it. A control gone, or
 * disabled now, is skipped. Returns how many were played.
 */
export function replayEarlyInput(): number {
	const early = keeper();
	if (!early) return 0;
	early.stop();
	delete window.__earlyInput;
	let played = 0;
	for (const { element, type, value, checked } of early.queue.splice(0)) {
		if (!element.isConnected || (element as HTMLButtonElement).disabled) continue;
		if (type === 'click') (element as HTMLButtonElement).click();
		else {
			const field = element as HTMLInputElement;
			if (checked !== undefined) field.checked = checked;
			else if (value !== undefined) field.value = value;
			field.dispatchEvent(new Event(type, { bubbles: true }));
		}
		played++;
	}
	return played;
}
