import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { messagesByUse } from './scripts/messages-by-use-plugin.ts';
import { previewFallback } from './scripts/preview-fallback-plugin.ts';
import { shippedScenarios } from './scripts/shipped-scenarios-plugin.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		// The shipped scenarios, validated and hashed here once (not in the browser).
		shippedScenarios(),
		sveltekit(),
		// Each page's chunks hold the messages it names, not every message in use.
		messagesByUse(),
		// `vite preview` serves the fallback page's file too, as a static host does.
		previewFallback(),
		// Under Vitest the catalogues are compiled once by `npm run i18n`; the plugin's file
		// watcher would keep the test process alive.
		...(process.env.VITEST
			? []
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['localStorage', 'preferredLanguage', 'baseLocale']
					})
				])
	],
	// The backup check's worker (src/lib/results/backup-check.worker.ts) is a module, its code
	// split into chunks as the page's is.
	worker: { format: 'es' },
	server: { port: 5173 },
	preview: { port: 4173, strictPort: true },
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'node',
					environment: 'node',
					include: ['src/**/*.{test,spec}.ts', 'scripts/**/*.{test,spec}.ts'],
					exclude: ['src/**/*.svelte.{test,spec}.ts', 'src/hub/**']
				}
			},
			{
				// The class hub, run for real over HTTP on PGlite and on a PostgreSQL server
				// (src/hub/testing/postgres.ts finds or starts one).
				extends: './vite.config.ts',
				test: {
					name: 'hub',
					environment: 'node',
					include: ['src/hub/**/*.spec.ts'],
					globalSetup: ['src/hub/testing/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: './vite.config.ts',
				resolve: { conditions: ['browser'] },
				test: {
					name: 'client',
					environment: 'node',
					include: ['src/**/*.svelte.{test,spec}.ts']
				}
			}
		]
	}
});
