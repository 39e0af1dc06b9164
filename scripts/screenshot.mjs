// Screenshots of pages for looking at them: node scripts/screenshot.mjs <path> <out.png> [width] [locale]
// Needs the app served (npm start). Not part of the test suite.
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';

const [path = '/', out = '.tmp/screenshot.png', width = '1280', locale = 'en'] =
	process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: findChromium(),
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.addInitScript((code) => localStorage.setItem('PARAGLIDE_LOCALE', code), locale);
await page.goto(`http://localhost:4173${path}`);
await page.waitForLoadState('networkidle');
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
