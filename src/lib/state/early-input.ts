/**
 * Input given to a prerendered page before the app's code has hydrated it. Until then its
 * controls are only HTML: a press of the handbook's guide button, a choice in the library's
 * filter or in the language switch would be lost. An inline script in src/app.html keeps them
 * (presses of plain buttons, and each field's last value with the kind of event that gave it);
 * the layout (src/routes/+layout.svelte) takes them as soon as the page is hydrated
 * (`takeEarlyInput`) and plays them again, in order, once the device's language is applied
 * (`replayEarlyInput`).
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
		__earlyInput?: { queue: EarlyInput[]; stop(): void };
	}
}

/**
 * Stops keeping input and gives what was kept. Called as soon as the page is hydrated (the
 * layout's onMount), since from then on the page's own handlers answer: kept any longer, an
 * input would be played twice.
 */
export function takeEarlyInput(): EarlyInput[] {
	const early = typeof window === 'undefined' ? undefined : window.__earlyInput;
	if (!early) return [];
	early.stop();
	delete window.__earlyInput;
	return early.queue.splice(0);
}

/**
 * Plays kept input again on the hydrated page: each press as a click on its button, each field
 * given back its value (hydration may have set it anew from the page's state) with the event
 * that brought it, so that the page's handlers see it. A control gone, or disabled now, is
 * skipped. Returns how many were played.
 */
export function replayEarlyInput(inputs: readonly EarlyInput[]): number {
	let played = 0;
	for (const { element, type, value, checked } of inputs) {
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
