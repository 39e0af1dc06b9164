import { defineConfig } from 'vitest/config';

// The engine's specs for mutation testing (stryker.config.json, `npm run mutation`): the engine is
// plain TypeScript with relative imports, so it needs none of the app's Vite plugins.
//
// Only the specs of the code mutated, the deal and its scoring. A spec that runs the rules while
// its file loads (verify-attempt.spec replays the model path at the top) makes Stryker count every
// mutant it reaches as "static" and run every spec for each: that spec is left out, with the
// robots' spec (10 s a run), the replay's property spec (3 s) and the scenario parser's specs.
// The rules' own specs must kill their mutants.
export default defineConfig({
	test: {
		name: 'engine',
		environment: 'node',
		include: ['src/lib/engine/deal/*.spec.ts', 'src/lib/engine/methodology.spec.ts'],
		exclude: ['src/lib/engine/deal/replay.property.spec.ts']
	}
});
