/**
 * `npm run mutation`: Stryker's mutation run over the engine (stryker.config.json; docs/architecture.md
 * has the last score). Stryker 10's command line refuses Node 20 by a version check alone; its
 * programme runs here, so this starts it through its API, which skips that check.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const entry = resolve('node_modules/@stryker-mutator/core/dist/src/stryker.js');
const { Stryker } = await import(pathToFileURL(entry).href);
const args = process.argv.slice(2);
// `npm run mutation -- src/lib/engine/deal/scoring.ts` mutates that file alone.
const options = args.length > 0 ? { mutate: args } : {};
const results = await new Stryker(options).runMutationTest();
process.exitCode = results.length > 0 ? 0 : 1;
