/**
 * `npm run mutation:survivors`: every mutant of the last mutation run (`npm run mutation`,
 * reports/mutation/mutation.json) that the specs did not kill, each matched with its explanation
 * in scripts/mutation-explained.ts, written to docs/mutation.md. A survivor without an
 * explanation is listed as such and the script exits 1: it is a test to write, or an
 * explanation to give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { EXPLAINED, KINDS, type Explanation } from './mutation-explained';

interface Position {
	line: number;
	column: number;
}
interface Mutant {
	id: string;
	mutatorName: string;
	replacement?: string;
	location: { start: Position; end: Position };
	status: string;
}
interface Report {
	files: Record<string, { source: string; mutants: Mutant[] }>;
}

export interface Survivor {
	file: string;
	line: number;
	/** The function (or top-level constant) the mutant is in. */
	within: string;
	mutator: string;
	original: string;
	replacement: string;
	status: string;
}

const UNKILLED = new Set(['Survived', 'NoCoverage']);

/** The source text a location spans (lines and columns 1-based, end exclusive). */
function spanned(lines: string[], { start, end }: Mutant['location']): string {
	if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
	const first = lines[start.line - 1].slice(start.column - 1);
	const last = lines[end.line - 1].slice(0, end.column - 1);
	return [first, ...lines.slice(start.line, end.line - 1), last].join('\n');
}

/** The nearest enclosing named function or constant above `line`, by its declaration. */
function enclosing(lines: string[], line: number): string {
	for (let i = line - 1; i >= 0; i--) {
		const found = /^(?:export )?(?:async )?(?:function\*? (\w+)|(?:const|let) (\w+))/.exec(
			lines[i]
		);
		if (found) return found[1] ?? found[2];
	}
	return '(top)';
}

/** Whitespace runs made one space, so that multi-line spans compare and print on one line. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

export function survivors(report: Report): Survivor[] {
	const out: Survivor[] = [];
	for (const [file, { source, mutants }] of Object.entries(report.files)) {
		const lines = source.split('\n');
		for (const mutant of mutants) {
			if (!UNKILLED.has(mutant.status)) continue;
			out.push({
				file: file.replace(/^.*?src\//, 'src/'),
				line: mutant.location.start.line,
				within: enclosing(lines, mutant.location.start.line),
				mutator: mutant.mutatorName,
				original: flat(spanned(lines, mutant.location)),
				replacement: flat(mutant.replacement ?? ''),
				status: mutant.status
			});
		}
	}
	return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The explanation that names this survivor: same file and function, and its text contains the mutated code. */
export function explain(survivor: Survivor): Explanation | undefined {
	return EXPLAINED.find(
		(e) =>
			survivor.file.endsWith(e.file) &&
			e.within === survivor.within &&
			(e.original === undefined || survivor.original.includes(e.original)) &&
			(e.mutator === undefined || e.mutator === survivor.mutator) &&
			(e.replacement === undefined || survivor.replacement.includes(e.replacement)) &&
			(e.lines === undefined || e.lines.includes(survivor.line))
	);
}

const cell = (text: string, max = 70) =>
	'`' +
	(text.length > max ? `${text.slice(0, max - 1)}…` : text)
		.replace(/`/g, "'")
		.replace(/\|/g, '\\|') +
	'`';

function main(): void {
	const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8')) as Report;
	const all = Object.values(report.files).flatMap((f) => f.mutants);
	const found = survivors(report);
	const rows = found.map((s) => ({ s, e: explain(s) }));
	const missing = rows.filter((r) => !r.e);
	const byKind = new Map<string, number>();
	for (const { e } of rows) if (e) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);

	const text = [
		'# Mutants the specs do not kill',
		'',
		'Written by `npm run mutation:survivors` from the last `npm run mutation` run; do not edit by',
		'hand. Each mutant of `deal-rules.ts` and `scoring.ts` that survived the deal’s specs, or that no',
		'spec reached, with why it may stay (scripts/mutation-explained.ts). docs/architecture.md has the',
		'run’s score.',
		'',
		`Mutants: ${all.length}; not killed: ${found.length} (survived ${found.filter((s) => s.status === 'Survived').length}, not covered ${found.filter((s) => s.status === 'NoCoverage').length}); not explained: ${missing.length}.`,
		'',
		'## By kind',
		'',
		...Object.entries(KINDS).map(
			([kind, words]) => `- **${kind}** (${byKind.get(kind) ?? 0}): ${words}`
		),
		'',
		'## One by one',
		'',
		'| file:line | in | mutated | into | kind | why it may stay |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map(
			({ s, e }) =>
				`| ${s.file.replace('src/lib/engine/deal/', '')}:${s.line} | ${s.within} | ${cell(s.original)} | ${cell(s.replacement)} | ${e?.kind ?? '**not explained**'} | ${e?.why ?? ''} |`
		),
		''
	].join('\n');
	writeFileSync('docs/mutation.md', text);
	console.log(
		`${found.length} not killed, ${missing.length} not explained; docs/mutation.md written`
	);
	for (const { s } of missing) {
		console.log(`${s.file}:${s.line} ${s.within} ${s.mutator}: ${s.original}  →  ${s.replacement}`);
	}
	if (missing.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
