/**
 * `vite preview` as a static host serves the build (svelte.config.js): SvelteKit's preview serves
 * the prerendered pages for their paths and renders every other path as the fallback page renders
 * (the root layout's `ssr = false`), but it does not serve the fallback page's own file, 200.html,
 * which the service worker keeps to answer those paths offline (src/service-worker.ts). This
 * serves it from the adapter's folder (BUILD_DIR), as a static host does.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export function previewFallback(): Plugin {
	return {
		name: 'sales-sim:preview-fallback',
		configurePreviewServer(server) {
			const file = join(process.env.BUILD_DIR ?? 'build', '200.html');
			server.middlewares.use((req, res, next) => {
				if (req.method !== 'GET' || req.url?.split('?')[0] !== '/200.html' || !existsSync(file))
					return next();
				res.setHeader('Content-Type', 'text/html; charset=utf-8');
				createReadStream(file).pipe(res);
			});
		}
	};
}
