// Draws the app's install icons (static/icon-192.png, icon-512.png, icon-maskable-512.png) from
// static/favicon.svg in headless Chromium, so that no binary comes from elsewhere. Run once when
// the favicon changes: `node scripts/make-icons.mjs`; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';

const svg = readFileSync('static/favicon.svg', 'utf8');
// The maskable icon fills its square and keeps the drawing inside the middle 80 % (the safe zone
// an installed icon may be cropped to).
const maskable = svg
	.replace('<rect width="32" height="32" rx="6" fill="#1e3a8a"/>', '')
	.replace(
		'viewBox="0 0 32 32">',
		'viewBox="-4 -4 40 40"><rect x="-4" y="-4" width="40" height="40" fill="#1e3a8a"/>'
	);

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
try {
	for (const [file, size, drawing] of [
		['static/icon-192.png', 192, svg],
		['static/icon-512.png', 512, svg],
		['static/icon-maskable-512.png', 512, maskable]
	]) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		await page.setContent(
			`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${drawing}`
		);
		await page.screenshot({ path: file, omitBackground: true });
		await page.close();
		console.log(`Wrote ${file}`);
	}
} finally {
	await browser.close();
}
