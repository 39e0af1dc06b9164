/**
 * SVG has no line wrapping, so diagram labels are broken into lines here, from an estimate of
 * how wide each character is drawn: Chinese characters take a full em, Latin letters about half.
 *
 * Both are written to be cheap: each character's width from its code, and a line's width carried
 * as words are added (the same sums, in the same order, as measuring each candidate line whole). A
 * drawing that keeps its place before it knows its width (KeyPeopleTrack) asks, inside the render
 * that hydrates a prerendered page, from what width its labels fit two lines, or three: `leastWidth`
 * answers from the words' widths, without wrapping the labels at every width tried.
 */

/**
 * The characters drawn a full em wide, as ranges of code points: the CJK block (radicals to
 * unified ideographs), compatibility ideographs, and half- and full-width forms.
 */
const WIDE: readonly (readonly [from: number, to: number])[] = [
	[0x2e80, 0x9fff],
	[0xf900, 0xfaff],
	[0xff00, 0xffef]
];
const escaped = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const WIDE_CLASS = WIDE.map(([from, to]) => `${escaped(from)}-${escaped(to)}`).join('');
const TOKENS = new RegExp(`\\s+|[${WIDE_CLASS}]|[^\\s${WIDE_CLASS}]+`, 'g');
const SPACES = /^\s+$/;

/** The width of the character `code`, in ems: the WIDE ones take a full one. */
function emsOf(code: number): number {
	for (const [from, to] of WIDE) if (code >= from && code <= to) return 1;
	return code === 0x20 ? 0.3 : 0.58;
}

/** `ems` plus the width of each character of `text` in turn (a surrogate pair is one). */
function addEms(ems: number, text: string): number {
	for (let i = 0; i < text.length; i++) {
		const code = text.codePointAt(i)!;
		if (code > 0xffff) i++;
		ems += emsOf(code);
	}
	return ems;
}

/** Estimated drawn width of `text` at `fontSize` px: `textWidth('设计者', 10)` → 30. */
export function textWidth(text: string, fontSize: number): number {
	return addEms(0, text) * fontSize;
}

/** `ems` plus a word added to a line that far, after a space when `spaced`. */
function addWord(ems: number, word: string, spaced: boolean): number {
	return addEms(spaced ? ems + emsOf(0x20) : ems, word);
}

/** The words of `text` (a wide character is one) and whether a space came before each. */
function wordsOf(text: string): { word: string; spaced: boolean }[] {
	const words: { word: string; spaced: boolean }[] = [];
	let spaced = false;
	for (const [token] of text.matchAll(TOKENS)) {
		if (SPACES.test(token)) spaced = words.length > 0;
		else {
			words.push({ word: token, spaced });
			spaced = false;
		}
	}
	return words;
}

/**
 * Breaks `text` into lines no wider than `width`: at spaces for Latin text, between any two
 * characters for Chinese. A word longer than the line stays whole on its own line.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
	const lines: string[] = [];
	let line = '';
	let lineEms = 0;
	for (const { word, spaced } of wordsOf(text)) {
		if (line === '') {
			line = word;
			lineEms = addEms(0, word);
		} else {
			const ems = addWord(lineEms, word, spaced);
			if (ems * fontSize > width) {
				lines.push(line);
				line = word;
				lineEms = addEms(0, word);
			} else {
				line += (spaced ? ' ' : '') + word;
				lineEms = ems;
			}
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}

/**
 * The least width at which `wrapText(text, width, fontSize)` makes at most `lines` lines, none
 * wider than `width` (0 for no text): the widest line's width at the breaks that make it
 * narrowest. `wrapText` fills each line as far as it can, which finds such lines whenever some
 * breaks make them; a line is measured as `wrapText` measures it, from its first word.
 *
 * @example leastWidth('Installation and implementation', 10, 2) // 90 ('Installation and' | 'implementation')
 */
export function leastWidth(text: string, fontSize: number, lines: number): number {
	const words = wordsOf(text);
	// The line of words[from..to), as wrapText adds it up.
	const lineEms = (from: number, to: number) => {
		let ems = 0;
		for (let i = from; i < to; i++) ems = addWord(ems, words[i].word, i > from && words[i].spaced);
		return ems;
	};
	// least[to]: the narrowest the lines of words[0..to) can be, in as many lines as counted so far.
	let least = words.map((_, to) => lineEms(0, to)).concat(lineEms(0, words.length));
	for (let count = 2; count <= lines; count++)
		least = least.map((one, to) => {
			let best = one;
			for (let from = 1; from < to; from++)
				best = Math.min(best, Math.max(least[from], lineEms(from, to)));
			return best;
		});
	return least[words.length] * fontSize;
}
