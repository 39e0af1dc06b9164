// Prerendered: the home page as a device that stores nothing sees it (src/routes/+layout.ts).
export const ssr = true;
export const prerender = true;
