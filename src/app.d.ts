// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/**
			 * What a 404 of this app is about, so that the error page says it in the reader's
			 * language (src/routes/+error.svelte): an unknown scenario to play, an unknown attempt,
			 * an attempt kept only in a closed tab.
			 */
			missing?: 'scenario' | 'attempt' | 'unsaved-attempt';
		}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
