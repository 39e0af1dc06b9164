import { ATTITUDES, attitudeOf, type AttitudeId, type Methodology } from '$lib/engine/methodology';

export interface AttitudeBand {
	attitude: AttitudeId;
	/** Lowest and highest points that read as this attitude, within the methodology's bounds. */
	from: number;
	to: number;
}

/**
 * Which points read as which attitude, found by asking the engine's own `attitudeOf` about every
 * whole point between the bounds (effects are whole points), so the handbook cannot drift from it:
 * with the defaults → opponent −6..−2, neutral −1..1, supporter 2..6.
 */
export function attitudeBands(methodology: Methodology): AttitudeBand[] {
	const bands: AttitudeBand[] = [];
	for (let points = -methodology.maxPoints; points <= methodology.maxPoints; points++) {
		const attitude = attitudeOf(points);
		const last = bands.at(-1);
		if (last?.attitude === attitude) last.to = points;
		else bands.push({ attitude, from: points, to: points });
	}
	return bands.sort((a, b) => ATTITUDES.indexOf(a.attitude) - ATTITUDES.indexOf(b.attitude));
}
