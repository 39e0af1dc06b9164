// Runs the Playwright browser tests against the production build in a Chromium found
// (or installed) by find-chromium.mjs, so that Playwright never downloads a browser.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

let executable;
try {
	executable = findChromium();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, PLAYWRIGHT_CHROMIUM_EXECUTABLE: executable }
});
process.exit(result.status ?? 1);
