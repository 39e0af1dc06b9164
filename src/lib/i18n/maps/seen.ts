// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** What a trainee has seen, in a rule (engine-text.ts). */
export const SEEN = /* @__PURE__ */ messageMap({
	seen_cooler: m.seen_cooler,
	seen_warmer: m.seen_warmer
});
