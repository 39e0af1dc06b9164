/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app offline: this service worker (SvelteKit's, built from this file) keeps one copy of
 * a whole version of the app — every file of the build, the shipped scenarios with them (they
 * are lazily loaded chunks of the build: src/lib/scenarios/catalogue.ts), the files in static/,
 * the prerendered pages and the fallback page — and answers from it, so a classroom whose network
 * drops keeps playing. A page's address is answered with its prerendered page where there is one
 * (the home page, the library, the handbook, a shipped scenario's play page), and with the
 * fallback page (200.html, which routes in the browser) otherwise.
 *
 * A new version is installed beside the running one and waits: it takes over only when the
 * trainee chooses to update (src/lib/components/ui/UpdatePrompt.svelte sends 'skip-waiting'),
 * or when no tab of the app is open any more. Then the old version's copy is removed.
 * Everything else (the class hub's /api, another origin) goes to the network untouched.
 */
import { base, build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `sales-sim-${version}`;
/** The page for every path that has no prerendered page (svelte.config.js). */
const FALLBACK = `${base}/200.html`;
const PAGES = new Set(prerendered);
const ASSETS = new Set([...build, ...files, ...prerendered, FALLBACK]);

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...ASSETS])));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// The first version takes the open tabs at once, so that the page the trainee is on
			// already works offline; a later one activates only when chosen (see above).
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin || url.pathname.startsWith(`${base}/api/`)) return;
	const navigation = request.mode === 'navigate';
	if (!navigation && !ASSETS.has(url.pathname)) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const page = PAGES.has(url.pathname) ? url.pathname : FALLBACK;
			const cached = await cache.match(navigation ? page : url.pathname);
			if (cached) return cached;
			return fetch(request);
		})()
	);
});
