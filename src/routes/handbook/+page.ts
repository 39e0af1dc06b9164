// Prerendered: the handbook is the same for everyone (src/routes/+layout.ts).
export const ssr = true;
export const prerender = true;
