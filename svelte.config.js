import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: any static host serves index.html for every path.
		// BUILD_DIR and KIT_OUT_DIR let parallel builds (one per developer checkout) stay apart.
		adapter: adapter({
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: 'index.html'
		}),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// Absolute asset paths in every page: the service worker answers any page with the one
		// cached shell (src/service-worker.ts), so the shell must not name its files relative to
		// the page it was rendered for (`vite preview` renders it per page).
		paths: { relative: false },
		// src/service-worker.ts is registered by src/lib/state/app-update.svelte.ts, which offers a
		// new version instead of letting it take over a running deal.
		serviceWorker: { register: false },
		alias: { $scenarios: 'scenarios' }
	}
};

export default config;
