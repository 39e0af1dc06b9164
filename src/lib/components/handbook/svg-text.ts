/**
 * SVG has no line wrapping, so diagram labels are broken into lines here, from an estimate of
 * how wide each character is drawn: Chinese characters take a full em, Latin letters about half.
 *
 * A drawing that keeps its place before it knows its width (KeyPeopleTrack) wraps its labels at
 * hundreds of widths inside the render that hydrates a prerendered page, so both are written to
 * be cheap: each character's width from its code, and a line's width carried as words are added
 * (the same sums, in the same order, as measuring each candidate line whole).
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

/**
 * Breaks `text` into lines no wider than `width`: at spaces for Latin text, between any two
 * characters for Chinese. A word longer than the line stays whole on its own line.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
	const lines: string[] = [];
	let line = '';
	// The width of `line` in ems, as textWidth sums it.
	let lineEms = 0;
	let spaced = false;
	for (const [token] of text.matchAll(TOKENS)) {
		if (SPACES.test(token)) {
			spaced = line !== '';
			continue;
		}
		if (line === '') {
			line = token;
			lineEms = addEms(0, token);
		} else {
			const ems = addEms(spaced ? lineEms + emsOf(0x20) : lineEms, token);
			if (ems * fontSize > width) {
				lines.push(line);
				line = token;
				lineEms = addEms(0, token);
			} else {
				line += (spaced ? ' ' : '') + token;
				lineEms = ems;
			}
		}
		spaced = false;
	}
	if (line !== '') lines.push(line);
	return lines;
}
