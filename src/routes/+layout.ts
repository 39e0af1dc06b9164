// Rendered in the browser only, by default: most pages show what IndexedDB holds and have nothing
// to show without it, and every path without a prerendered page gets the fallback page
// (200.html, svelte.config.js). The pages whose first screen does not depend on stored data are
// prerendered at build time instead (`ssr` and `prerender` in their own +page.ts: the home page,
// the library, the handbook, each shipped scenario's play page); see
// src/lib/state/hydration.svelte.ts.
export const ssr = false;
export const prerender = false;
