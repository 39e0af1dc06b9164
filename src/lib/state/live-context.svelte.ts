/**
 * The deal's context for the play page, part by part: one object that reads like a
 * `DealContext` (the engine's functions and the components take it as one), whose every part
 * (the stage, the people, the chart, the log…) is a reactive value of its own. An action gives a
 * new context; `update` sets only the parts that changed, and keeps the previous object of a
 * part whose content is the same (`people` when nobody's state moved, each person's own state
 * when only another's did). So a component, or a `$derived` in it, reruns only when a part it
 * read changed: the chart does not redraw for a forecast, nor the brief for a chart entry.
 *
 * The parts are own enumerable getters: spreading the object, `toEqual` and JSON see a plain
 * context. It is never written through: the engine's `applyAction` copies what it changes.
 */
import type { DealContext } from '$lib/engine/deal/deal-rules';

type Key = keyof DealContext;

/** Every part of a context, and how a new one is compared with the old. */
const PARTS: Record<Key, 'same' | 'entries' | 'records' | 'items'> = {
	// Set once per deal, or replaced only when changed: compared as they are.
	scenario: 'same',
	method: 'same',
	seed: 'same',
	variant: 'same',
	rules: 'same',
	stage: 'same',
	outcome: 'same',
	moneyUsed: 'same',
	weeksUsed: 'same',
	strategy: 'same',
	plannedStrategy: 'same',
	withdrawal: 'same',
	purchase: 'same',
	at: 'same',
	// A record of flat objects, copied whole by every action: compared entry by entry.
	people: 'records',
	chart: 'records',
	// A record of values shared between contexts: compared key by key.
	intel: 'entries',
	decisions: 'entries',
	forecasts: 'entries',
	calibrated: 'entries',
	// Lists that only grow, their items shared between contexts: compared item by item.
	closedStages: 'items',
	log: 'items',
	redFlags: 'items'
};

class Part {
	value = $state.raw<unknown>();
}

export class LiveContext {
	readonly #parts: [Key, Part][] = [];

	constructor() {
		for (const key of Object.keys(PARTS) as Key[]) {
			const part = new Part();
			this.#parts.push([key, part]);
			Object.defineProperty(this, key, { enumerable: true, get: () => part.value });
		}
	}

	/** The live object, typed as the context it reads as. */
	get context(): DealContext {
		return this as unknown as DealContext;
	}

	/** Takes the deal's new context: only the parts whose content changed are set. */
	update(next: DealContext): void {
		for (const [key, part] of this.#parts) {
			const kept = merged(PARTS[key], part.value, next[key]);
			if (kept !== part.value) part.value = kept;
		}
	}

	/** Clears every part (no deal). */
	clear(): void {
		for (const [, part] of this.#parts) part.value = undefined;
	}
}

/** `next`, or `old` (or a record reusing its unchanged entries) where the content is the same. */
function merged(kind: (typeof PARTS)[Key], old: unknown, next: unknown): unknown {
	if (old === next || kind === 'same' || old === undefined || next === undefined) return next;
	if (kind === 'items') {
		const a = old as readonly unknown[];
		const b = next as readonly unknown[];
		return a.length === b.length && a.every((item, i) => item === b[i]) ? old : next;
	}
	const a = old as Record<string, unknown>;
	const b = next as Record<string, unknown>;
	const keys = Object.keys(b);
	if (kind === 'entries')
		return keys.length === Object.keys(a).length &&
			keys.every((k) => Object.hasOwn(a, k) && a[k] === b[k])
			? old
			: next;
	// Records of flat objects: each unchanged entry keeps its old object.
	let changed = keys.length !== Object.keys(a).length;
	const out: Record<string, unknown> = {};
	for (const k of keys) {
		const before = a[k] as Record<string, unknown> | undefined;
		const after = b[k] as Record<string, unknown>;
		if (before !== undefined && Object.hasOwn(a, k) && sameFlat(before, after)) out[k] = before;
		else {
			out[k] = after;
			changed = true;
		}
	}
	return changed ? out : old;
}

function sameFlat(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
	if (a === b) return true;
	const keys = Object.keys(b);
	if (keys.length !== Object.keys(a).length) return false;
	for (const k of keys) if (!Object.hasOwn(a, k) || a[k] !== b[k]) return false;
	return true;
}
