import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { encode } from 'uqr';
import { qrPicture } from './qr';

/** The picture as RGBA pixels, `scale` pixels per module, as a camera would see the SVG. */
function pixels(picture: ReturnType<typeof qrPicture>, scale = 4) {
	const side = picture.size * scale;
	const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
	for (const [, x, y] of picture.path.matchAll(/M(\d+) (\d+)/g))
		for (let dy = 0; dy < scale; dy++)
			for (let dx = 0; dx < scale; dx++) {
				const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
				rgba.fill(0, at, at + 3);
			}
	return { rgba, side };
}

describe('qrPicture', () => {
	const url = 'https://training.example.com/join?class=7KQ2M9XD4TRB';

	it('draws one square per dark module, inside a quiet zone of four', () => {
		const picture = qrPicture(url);
		const { data } = encode(url, { ecc: 'M', border: 4 });
		const dark = data.flat().filter(Boolean).length;
		expect(picture.path.match(/M/g)).toHaveLength(dark);
		expect(picture.size).toBe(data.length);
		for (const [, x, y] of picture.path.matchAll(/M(\d+) (\d+)/g)) {
			for (const v of [Number(x), Number(y)]) {
				expect(v).toBeGreaterThanOrEqual(4);
				expect(v).toBeLessThan(picture.size - 4);
			}
		}
	});

	it('reads back as the link', () => {
		for (const link of [url, 'http://192.168.1.20:4173/join?class=0123456789AB']) {
			const { rgba, side } = pixels(qrPicture(link));
			expect(jsQR(rgba, side, side)?.data).toBe(link);
		}
	});

	it('changes with the link', () => {
		expect(qrPicture(url).path).not.toBe(qrPicture(`${url}X`).path);
	});
});
