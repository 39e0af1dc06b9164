/**
 * What the trainee has chosen on the play page but not yet played: the activity type, the people
 * ticked for it, a typed forecast and a chosen, unconfirmed decision option. It is kept per deal
 * in sessionStorage so that a reload finds it again; it never goes into the engine or the stored
 * deal, which hold only what was played.
 */
import { ACTIVITIES, STAGES, type ActivityId, type StageId } from '$lib/engine/methodology';

/** The storage a draft is kept in (sessionStorage in the browser; a map in tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface DraftData {
	activity: ActivityId;
	people: string[];
	/** A forecast typed in a stage and not yet saved, in percent. */
	forecast?: { stage: StageId; percent: number };
	/** An option chosen for a decision and not yet confirmed. */
	decision?: { id: string; option: string };
}

const PREFIX = 'sales-sim:draft:';
const DEFAULT_ACTIVITY: ActivityId = 'visit';

/** Reads a stored draft, dropping whatever does not have the right shape. */
export function parseDraft(text: string | null): DraftData {
	const draft: DraftData = { activity: DEFAULT_ACTIVITY, people: [] };
	if (!text) return draft;
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return draft;
	}
	if (!raw || typeof raw !== 'object') return draft;
	const value = raw as Record<string, unknown>;
	if (ACTIVITIES.includes(value.activity as ActivityId))
		draft.activity = value.activity as ActivityId;
	if (Array.isArray(value.people))
		draft.people = value.people.filter((p): p is string => typeof p === 'string');
	const forecast = value.forecast as Record<string, unknown> | undefined;
	if (
		forecast &&
		STAGES.includes(forecast.stage as StageId) &&
		typeof forecast.percent === 'number' &&
		forecast.percent >= 0 &&
		forecast.percent <= 100
	)
		draft.forecast = { stage: forecast.stage as StageId, percent: forecast.percent };
	const decision = value.decision as Record<string, unknown> | undefined;
	if (decision && typeof decision.id === 'string' && typeof decision.option === 'string')
		draft.decision = { id: decision.id, option: decision.option };
	return draft;
}

export class DealDraft {
	activity = $state<ActivityId>(DEFAULT_ACTIVITY);
	people = $state<string[]>([]);
	forecast = $state<DraftData['forecast']>();
	decision = $state<DraftData['decision']>();
	#key: string | undefined;
	#storage: DraftStorage | undefined;

	/** Opens the draft of deal `dealId` (none: a deal that is not saved keeps it in memory). */
	open(dealId: string | undefined, storage: DraftStorage | undefined = browserStorage()): void {
		this.#key = dealId ? PREFIX + dealId : undefined;
		this.#storage = storage;
		let text: string | null;
		try {
			text = this.#key && storage ? storage.getItem(this.#key) : null;
		} catch {
			text = null;
		}
		const data = parseDraft(text);
		this.activity = data.activity;
		this.people = data.people;
		this.forecast = data.forecast;
		this.decision = data.decision;
	}

	/** The forecast typed in `stage`, if any. */
	forecastIn(stage: StageId): number | undefined {
		return this.forecast?.stage === stage ? this.forecast.percent : undefined;
	}

	/** The option chosen for decision `id`, if any. */
	optionFor(id: string): string | undefined {
		return this.decision?.id === id ? this.decision.option : undefined;
	}

	get data(): DraftData {
		return {
			activity: this.activity,
			people: [...this.people],
			...(this.forecast ? { forecast: { ...this.forecast } } : {}),
			...(this.decision ? { decision: { ...this.decision } } : {})
		};
	}

	/** Writes the draft (reading every field, so an `$effect` calling it follows them all). */
	save(): void {
		const text = JSON.stringify(this.data);
		if (!this.#key || !this.#storage) return;
		try {
			this.#storage.setItem(this.#key, text);
		} catch {
			// A full or blocked sessionStorage loses only the draft; the deal itself is safe.
		}
	}

	/** Forgets the draft (the deal was finished or abandoned). */
	discard(): void {
		try {
			if (this.#key) this.#storage?.removeItem(this.#key);
		} catch {
			// Nothing to do: the draft is lost with the tab anyway.
		}
		this.open(undefined, this.#storage);
	}
}

function browserStorage(): DraftStorage | undefined {
	try {
		return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
	} catch {
		return undefined;
	}
}
