// Installed in every benchmarked page before the app's own scripts (Playwright addInitScript).
// Plain JavaScript on purpose: it runs in the browser exactly as written.
// Collects long tasks and paints in window.__bench, times one interaction at a time (arm()
// before the input, read() once the page has settled), and notes when an element first shows.
(() => {
	const bench = {
		longTasks: [],
		fcp: undefined,
		lcp: undefined,
		events: [],
		inputs: [],
		armed: false,
		lastChange: undefined,
		lastChangePainted: undefined,
		lastAnyChange: 0,
		waits: {}
	};
	window.__bench = bench;

	const observe = (type, options, onEntry) => {
		try {
			new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({
				type,
				buffered: true,
				...options
			});
		} catch {
			// An entry type this browser does not know: its figure stays empty.
		}
	};
	observe('longtask', {}, (e) =>
		bench.longTasks.push({ start: e.startTime, duration: e.duration })
	);
	observe('paint', {}, (e) => {
		if (e.name === 'first-contentful-paint') bench.fcp = e.startTime;
	});
	observe('largest-contentful-paint', {}, (e) => {
		bench.lcp = e.startTime;
	});
	observe('event', { durationThreshold: 16 }, (e) =>
		bench.events.push({ name: e.name, start: e.startTime, duration: e.duration })
	);

	// When the paint that follows now happened: a frame, then the first task after that frame's
	// paint. Where the browser has a task scheduler, that task is queued ahead of the others, so
	// that work the page itself put off until after the paint (a deal's lower half, drawn once its
	// upper half is on screen) is not counted as part of the paint.
	const firstTask = (run) =>
		typeof window.scheduler?.postTask === 'function'
			? window.scheduler.postTask(run, { priority: 'user-blocking' })
			: setTimeout(run);
	const afterNextPaint = (done) =>
		requestAnimationFrame(() => firstTask(() => done(performance.now())));

	// Each input event of the armed interaction, and the paint after it. Event Timing reports only
	// events of 16 ms and more, so faster ones are timed here with a frame callback.
	const onInput = (event) => {
		if (!bench.armed) return;
		const input = { name: event.type, start: event.timeStamp, painted: undefined };
		bench.inputs.push(input);
		afterNextPaint((painted) => (input.painted = painted));
	};
	for (const type of ['pointerdown', 'pointerup', 'click', 'keydown', 'keyup']) {
		addEventListener(type, onInput, true);
	}

	// Every change to the page after the input, and when it was painted: the last one is when the
	// interaction's result was on screen.
	const watch = (onChange) =>
		new MutationObserver(onChange).observe(document, {
			subtree: true,
			childList: true,
			attributes: true,
			characterData: true
		});
	watch(() => {
		bench.lastAnyChange = performance.now();
		if (!bench.armed || bench.inputs.length === 0) return;
		const at = performance.now();
		bench.lastChange = at;
		afterNextPaint((painted) => {
			if (bench.lastChange === at) bench.lastChangePainted = painted;
		});
	});

	bench.arm = () => {
		bench.armed = true;
		bench.inputs = [];
		bench.lastChange = undefined;
		bench.lastChangePainted = undefined;
	};

	// The armed interaction: from its first input event to the next paint (the longest of its
	// events, as Event Timing and INP count it), and to its last change on screen.
	bench.read = () => {
		bench.armed = false;
		const first = bench.inputs[0]?.start;
		if (first === undefined) return undefined;
		const timed = bench.events.filter((e) => e.start >= first - 1).map((e) => e.duration);
		const framed = bench.inputs
			.filter((i) => i.painted !== undefined)
			.map((i) => i.painted - i.start);
		const all = [...timed, ...framed];
		return {
			nextPaint: all.length ? Math.max(...all) : undefined,
			resultShown:
				bench.lastChangePainted === undefined ? undefined : bench.lastChangePainted - first,
			longTasks: bench.longTasks.filter((t) => t.start >= first - 1)
		};
	};

	// Notes when an element matching `selector` (and containing `text`, when given) first is in
	// the page, and when that was painted, in ms from navigation start.
	bench.waitFor = (name, selector, text) => {
		const check = () => {
			if (bench.waits[name]) return;
			const found = [...document.querySelectorAll(selector)].some(
				(el) => text === undefined || (el.textContent ?? '').includes(text)
			);
			if (!found) return;
			const wait = { found: performance.now(), painted: undefined };
			bench.waits[name] = wait;
			afterNextPaint((painted) => (wait.painted = painted));
		};
		watch(check);
		check();
	};
})();
