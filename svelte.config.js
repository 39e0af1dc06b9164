import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The pages that can be are prerendered (src/routes/+layout.ts); any other path gets the
		// fallback page, 200.html, which renders in the browser. Named so as not to overwrite the
		// prerendered home page (index.html); the class hub, the service worker and `vite preview`
		// serve a prerendered page for its path and the fallback for the rest (docs/architecture.md).
		// BUILD_DIR and KIT_OUT_DIR let parallel builds (one per developer checkout) stay apart.
		adapter: adapter({
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: '200.html'
		}),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// Absolute asset paths in every page: the service worker answers any path that is not
		// prerendered with the one cached fallback page (src/service-worker.ts), so the pages must
		// not name their files relative to the path they were rendered for.
		paths: { relative: false },
		// src/service-worker.ts is registered by src/lib/state/app-update.svelte.ts, which offers a
		// new version instead of letting it take over a running deal.
		serviceWorker: { register: false },
		alias: { $scenarios: 'scenarios' }
	}
};

export default config;
