/**
 * A QR code of a join link as one SVG path (dark modules only), so a page draws it as data with
 * no HTML from text; the quiet zone of four modules that readers need is part of the picture.
 */
import { encode } from 'uqr';

export interface QrPicture {
	/** Modules per side, quiet zone included: the SVG's viewBox is 0 0 size size. */
	size: number;
	/** One `M x y h1 v1 h-1 z` square per dark module. */
	path: string;
}

export function qrPicture(text: string): QrPicture {
	const { data, size } = encode(text, { ecc: 'M', border: 4 });
	const parts: string[] = [];
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) if (data[y][x]) parts.push(`M${x} ${y}h1v1h-1z`);
	return { size, path: parts.join('') };
}
