/** A message the studio carries from one page to the next (an import's result, say), shown once. */
export class StudioNotice {
	#text = $state<string | undefined>();
	#tone = $state<'info' | 'warning'>('info');

	get text(): string | undefined {
		return this.#text;
	}
	get tone(): 'info' | 'warning' {
		return this.#tone;
	}
	set(text: string, tone: 'info' | 'warning' = 'info'): void {
		this.#text = text;
		this.#tone = tone;
	}
	/** The message, once: reading it clears it. */
	take(): { text: string; tone: 'info' | 'warning' } | undefined {
		const text = this.#text;
		this.#text = undefined;
		return text === undefined ? undefined : { text, tone: this.#tone };
	}
}

export const studioNotice = new StudioNotice();
