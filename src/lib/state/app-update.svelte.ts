/**
 * A new version of the app, as the service worker (src/service-worker.ts) reports it: waiting
 * to take over, or already taken over by another tab. The play page says when a deal is running,
 * so that the prompt (src/lib/components/ui/UpdatePrompt.svelte) waits for the deal to end: a
 * version is never swapped under a running deal.
 */
import { dev } from '$app/environment';
import { asset } from '$app/paths';

/** How often an open tab asks the server whether a new version was built. */
const CHECK_EVERY_MS = 15 * 60_000;

class AppUpdate {
	/** A new version is installed and waits for the trainee's choice. */
	waiting = $state(false);
	/** Another tab chose the new version: this tab runs the old one until it reloads. */
	replaced = $state(false);
	/** The trainee is in the middle of a deal (set by the play page). */
	dealRunning = $state(false);
	/** The trainee chose "Later" for this version. */
	postponed = $state(false);

	#registration: ServiceWorkerRegistration | undefined;
	#updating = false;
	#started = false;

	/** What the prompt shows now: nothing during a deal, or once put off. */
	get shown(): 'update' | 'replaced' | undefined {
		if (this.dealRunning) return undefined;
		if (this.replaced) return 'replaced';
		return this.waiting && !this.postponed ? 'update' : undefined;
	}

	/** Registers the service worker and follows its versions; once, in a built app only. */
	start(): void {
		if (this.#started || dev || !('serviceWorker' in navigator)) return;
		this.#started = true;
		const container = navigator.serviceWorker;
		const hadController = container.controller !== null;
		container.addEventListener('controllerchange', () => {
			// Ours: reload into the new version. Another tab's: say so. The first version taking an
			// uncontrolled page (the first visit) changes nothing that runs.
			if (this.#updating) location.reload();
			else if (hadController) this.replaced = true;
		});
		void container
			.register(asset('/service-worker.js'), { type: 'classic' })
			.then((registration) => {
				this.#registration = registration;
				if (registration.waiting && container.controller) this.waiting = true;
				registration.addEventListener('updatefound', () => {
					const installing = registration.installing;
					installing?.addEventListener('statechange', () => {
						if (installing.state === 'installed' && container.controller) {
							this.waiting = true;
							this.postponed = false;
						}
					});
				});
				const check = () => void registration.update().catch(() => {});
				setInterval(check, CHECK_EVERY_MS);
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') check();
				});
			})
			.catch(() => {
				// No service worker (a private window, an insecure origin that is not localhost):
				// the app works as before, online only.
			});
	}

	/** Takes the waiting version now: the page reloads into it. */
	update(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) return location.reload();
		this.#updating = true;
		waiting.postMessage({ type: 'skip-waiting' });
	}

	postpone(): void {
		this.postponed = true;
	}
}

export const appUpdate = new AppUpdate();
