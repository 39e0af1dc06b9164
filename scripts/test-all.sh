#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check (svelte-check)"
npm run --silent check
echo "== lint (Prettier, ESLint)"
npm run --silent lint
echo "== unit tests (Vitest)"
npx vitest run
if [ -d scenarios ] && ls scenarios/*.json >/dev/null 2>&1; then
	echo "== scenario checks"
	npm run --silent scenarios -- check
	echo "== trainers' guide balance table is up to date"
	npm run --silent balance -- --check
	echo "== trainers' guide robots table is up to date"
	npm run --silent robots -- --check
fi
echo "== browser tests (Playwright)"
npm run --silent test:e2e
