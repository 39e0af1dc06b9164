// A single-page app: IndexedDB and the chosen language exist only in the browser.
export const ssr = false;
export const prerender = false;
