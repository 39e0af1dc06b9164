/**
 * Input given to a prerendered page before hydration: src/app.html's inline script keeps it, and
 * early-input.ts plays it again. Both run here on stand-ins for the page's elements (the browser
 * test, tests/prerender.e2e.ts, runs them on the real pages).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { earlyInputHydrated, replayEarlyInput, type EarlyInput } from './early-input';

const html = readFileSync('src/app.html', 'utf8');
const script =
	[...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
		.map((match) => match[1])
		.find((text) => text.includes('__earlyInput')) ?? '';

/** A stand-in element: what the script and the replay read of it, and what was done to it. */
class Stub {
	isConnected = true;
	disabled = false;
	value = '';
	checked = false;
	done: string[] = [];
	constructor(
		readonly tagName: string,
		readonly type = '',
		readonly parent?: Stub
	) {}
	closest(selector: string): Stub | null {
		if (selector !== 'button') throw new Error(`unexpected selector ${selector}`);
		return this.tagName === 'BUTTON' ? this : (this.parent?.closest(selector) ?? null);
	}
	click(): void {
		this.done.push('click');
	}
	dispatchEvent(event: Event): boolean {
		this.done.push(`${event.type} ${this.type === 'checkbox' ? this.checked : this.value}`);
		return true;
	}
}

/** Runs `use` with `window` as the global one, as early-input.ts finds it in the browser. */
function inWindow(window: object, use: () => void): void {
	(globalThis as { window?: object }).window = window;
	try {
		use();
	} finally {
		delete (globalThis as { window?: object }).window;
	}
}

/** Runs the page's script; returns a way to give it events, and the page's window. */
function page() {
	const listeners = new Map<string, (event: { type: string; target: Stub }) => void>();
	const document = {
		addEventListener: (type: string, listener: never, capture: boolean) => {
			expect(capture).toBe(true);
			listeners.set(type, listener);
		},
		removeEventListener: (type: string) => listeners.delete(type)
	};
	const window: { __earlyInput?: unknown } = {};
	new Function('document', 'window', script)(document, window);
	const give = (type: string, target: Stub) => listeners.get(type)?.({ type, target });
	return { give, window, listeners };
}

describe('input kept before the page is hydrated (src/app.html) and played after', () => {
	it('is found in the page', () => {
		expect(script).toContain('addEventListener');
	});

	it('keeps presses of plain buttons, in order, and leaves submit buttons to their form', () => {
		const { give, window } = page();
		const guide = new Stub('BUTTON', 'button');
		const label = new Stub('SPAN', '', guide);
		const start = new Stub('BUTTON', 'submit');
		give('click', label);
		give('click', start);
		give('click', new Stub('DIV'));
		give('click', guide);
		const { queue } = window.__earlyInput as { queue: EarlyInput[] };
		expect(queue.map((input) => [input.element, input.type])).toEqual([
			[guide, 'click'],
			[guide, 'click']
		]);
	});

	it('keeps the last value of each field and kind of event, where it was last given', () => {
		const { give, window } = page();
		const name = new Stub('INPUT', 'text');
		const difficulty = new Stub('SELECT', 'select-one');
		const agree = new Stub('INPUT', 'checkbox');
		name.value = 'W';
		give('input', name);
		difficulty.value = 'intro';
		give('change', difficulty);
		name.value = 'Wang';
		give('input', name);
		agree.checked = true;
		give('change', agree);
		give('change', new Stub('DIV'));
		const { queue } = window.__earlyInput as { queue: EarlyInput[] };
		expect(queue).toEqual([
			{ element: difficulty, type: 'change', value: 'intro', checked: undefined },
			{ element: name, type: 'input', value: 'Wang', checked: undefined },
			{ element: agree, type: 'change', value: undefined, checked: true }
		]);
	});

	it('keeps nothing once the page is hydrated, and forgets a field or button given input since', () => {
		const { give, window, listeners } = page();
		const guide = new Stub('BUTTON', 'button');
		const name = new Stub('INPUT', 'text');
		const team = new Stub('INPUT', 'text');
		const filter = new Stub('BUTTON', 'button');
		give('click', guide);
		give('click', filter);
		give('click', new Stub('SPAN', '', guide));
		name.value = 'Wa';
		give('input', name);
		team.value = 'West';
		give('input', team);
		inWindow(window, () => earlyInputHydrated());
		// The page's own handlers take these: played again, the name's kept "Wa" would undo
		// "Wang", and the guide's two kept presses would act again after the trainee's own.
		give('click', guide);
		name.value = 'Wang';
		give('input', name);
		give('click', new Stub('BUTTON', 'button'));
		const { queue } = window.__earlyInput as { queue: EarlyInput[] };
		expect(queue.map((input) => [input.element, input.type])).toEqual([
			[filter, 'click'],
			[team, 'input']
		]);
		expect(listeners.size).toBe(3);
	});

	it('plays each kept input on what is still there and enabled, and stops keeping', () => {
		const { give, window, listeners } = page();
		const guide = new Stub('BUTTON', 'button');
		const gone = new Stub('BUTTON', 'button');
		const off = new Stub('BUTTON', 'button');
		const name = new Stub('INPUT', 'text');
		const agree = new Stub('INPUT', 'checkbox');
		for (const button of [guide, gone, off]) give('click', button);
		name.value = 'Wang';
		give('input', name);
		agree.checked = true;
		give('change', agree);
		// Hydration drew the fields from the page's state; the trainee's values come back.
		name.value = '';
		agree.checked = false;
		gone.isConnected = false;
		off.disabled = true;
		inWindow(window, () => {
			earlyInputHydrated();
			expect(replayEarlyInput()).toBe(3);
			expect(window.__earlyInput).toBeUndefined();
			expect(replayEarlyInput()).toBe(0);
		});
		expect(listeners.size).toBe(0);
		expect([guide, gone, off, name, agree].map((stub) => stub.done)).toEqual([
			['click'],
			[],
			[],
			['input Wang'],
			['change true']
		]);
	});
});
