// Written by scripts/gen-message-maps.ts (npm run i18n) from messages/**/en.json; do not edit.
// Relative imports: the command line runs this under tsx, without SvelteKit's $lib alias.
import { m } from '../../paraglide/messages.js';
import { messageMap } from '../message-map';

/** Outcome factors of the score (engine-text.ts). */
export const FACTORS = /* @__PURE__ */ messageMap({
	factor_lost: m.factor_lost,
	factor_wise: m.factor_wise,
	factor_withdrawn: m.factor_withdrawn,
	factor_won: m.factor_won
});
