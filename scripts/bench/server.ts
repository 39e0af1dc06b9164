/**
 * The production build the browser figures are taken from, served by `vite preview` as a static
 * host serves it: the prerendered pages (home, library, handbook, shipped scenarios' play pages)
 * for their paths, and every other path rendered as the fallback page renders (the root layout's
 * `ssr = false`; scripts/preview-fallback-plugin.ts serves 200.html itself for the service worker).
 *
 * The benchmark builds into its own folders (`.build-bench`, `.svelte-kit-bench`; BUILD_DIR and
 * KIT_OUT_DIR override them) so it never disturbs a developer's build or a test run's, and
 * serves it on BENCH_PORT (default 4180; not 4190, a port browsers and fetch refuse to reach).
 * BENCH_SKIP_BUILD=1 reuses the last build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Served {
	origin: string;
	stop: () => Promise<void>;
}

const buildEnv = () => ({
	...process.env,
	BUILD_DIR: process.env.BUILD_DIR ?? '.build-bench',
	KIT_OUT_DIR: process.env.KIT_OUT_DIR ?? '.svelte-kit-bench'
});

export function build(): void {
	const env = buildEnv();
	if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(`${env.KIT_OUT_DIR}/output/client`)) {
		console.log(`Reusing the build in ${env.KIT_OUT_DIR} (BENCH_SKIP_BUILD=1).`);
		return;
	}
	console.log(`Building the production site into ${env.BUILD_DIR}...`);
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	if (result.status !== 0) throw new Error('The production build failed.');
}

async function answering(origin: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + 60_000;
	let last = 'no answer';
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error('vite preview stopped before it answered.');
		try {
			const response = await fetch(origin);
			if (response.ok) return;
			last = `status ${response.status}`;
		} catch (error) {
			// Not listening yet (or a port fetch refuses, said at the end).
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			last = cause?.code ?? cause?.message ?? String(error);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`vite preview did not answer at ${origin} within a minute (${last}).`);
}

/** Serves the build with `vite preview` on BENCH_PORT. */
export async function serve(): Promise<Served> {
	const port = Number(process.env.BENCH_PORT ?? 4180);
	const origin = `http://localhost:${port}`;
	const child = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
		env: buildEnv(),
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	const stop = async () => {
		if (child.exitCode !== null || child.pid === undefined) return;
		const exited = new Promise((r) => child.once('exit', r));
		// The server runs in its own process group: end npx and vite together.
		process.kill(-child.pid, 'SIGTERM');
		await exited;
	};
	// Interrupted (Ctrl-C, a timeout): do not leave the server running.
	const onSignal = (signal: NodeJS.Signals) => {
		if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		await answering(origin, child);
	} catch (error) {
		await stop();
		throw error;
	}
	return { origin, stop };
}
