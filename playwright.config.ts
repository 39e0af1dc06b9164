import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// The browser is found by scripts/find-chromium.mjs (npm run test:e2e); never downloaded.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
// PW_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.PW_PORT ?? 4173);
// The app is served by the class hub (as `npm start` does), on an empty database of its own for
// each run. Set once: the config is read again in every worker, which inherits the variable.
process.env.HUB_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'sales-sim-e2e-hub-'));

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	// Generous: these machines are shared, and an axe scan of a long page under load takes a while.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	webServer: {
		command: 'npm run build && node --import tsx src/hub/main.ts',
		env: { PORT: String(port), HUB_DATA_DIR: process.env.HUB_E2E_DATA_DIR },
		port,
		reuseExistingServer: !process.env.CI,
		// A build on a machine shared with other builds can take minutes.
		timeout: 600_000
	},
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	}
});
