/**
 * Pages are rendered on the server only at build time (the prerendered pages) and by `vite dev`
 * and `vite preview`. A page rendered with its content has its real header: the shell that
 * stands in for the header on the fallback page (src/app.html, between the shell marks) is taken
 * out of it.
 */
import type { Handle } from '@sveltejs/kit';

const SHELL = /<!-- shell -->[\s\S]*?<!-- \/shell -->/;

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) =>
			html.includes('<main id="main"') ? html.replace(SHELL, '') : html
	});
