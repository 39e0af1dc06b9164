// Finds a Chromium for the browser tests. Playwright never downloads a browser here:
// 1. PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set;
// 2. a Chromium already on the machine (Debian's /usr/bin/chromium and the usual names);
// 3. on Debian as root, Debian's `chromium` package, installed with apt-get;
// 4. Playwright's own browser, when `npx playwright install chromium` has been run.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
	'/Applications/Chromium.app/Contents/MacOS/Chromium'
];

function found() {
	const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
	if (fromEnv) {
		if (!existsSync(fromEnv)) {
			throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE is set to ${fromEnv}, but no file is there.`);
		}
		return fromEnv;
	}
	return CANDIDATES.find((path) => existsSync(path));
}

function isDebianRoot() {
	return (
		process.platform === 'linux' &&
		typeof process.getuid === 'function' &&
		process.getuid() === 0 &&
		existsSync('/etc/debian_version') &&
		existsSync('/usr/bin/apt-get')
	);
}

function playwrightOwn() {
	try {
		const path = execFileSync(
			process.execPath,
			['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
		);
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

/** The path of a Chromium to run the browser tests in; installs Debian's package where it may. */
export function findChromium() {
	let path = found();
	if (path) return path;
	if (isDebianRoot()) {
		console.log(
			'No Chromium found: installing Debian\'s "chromium" package with apt-get (about a minute)...'
		);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		execSync('apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk', {
			stdio: 'inherit',
			env
		});
		path = found();
		if (path) return path;
	}
	path = playwrightOwn();
	if (path) return path;
	const os = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
	throw new Error(
		[
			'No Chromium was found for the browser tests.',
			'Do one of these, then run `npm test` again:',
			'  - set PLAYWRIGHT_CHROMIUM_EXECUTABLE to the path of a Chrome or Chromium binary;',
			os.includes('debian') || os.includes('ubuntu')
				? '  - install it: sudo apt-get install chromium;'
				: "  - install Chrome or Chromium from your system's package manager;",
			'  - or let Playwright fetch its own: npx playwright install chromium.'
		].join('\n')
	);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(findChromium());
}
