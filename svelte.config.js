import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: any static host serves index.html for every path.
		adapter: adapter({ fallback: 'index.html' }),
		alias: { $scenarios: 'scenarios' }
	}
};

export default config;
