/**
 * The trainer studio: import a scenario file, fix it guided by the validator's messages, run its
 * checks, publish a new version and play it as a trainee; bad files; untrusted text stays text.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { play, readScenario, startDeal } from './play-driver';

const hospital = readFileSync('scenarios/city-hospital-his.json', 'utf8');
const NEW_TITLE = 'City Hospital, second edition';

/** The shipped hospital as version 3 with a new title and three mistakes. */
const threeErrors = hospital
	.replace('"version": 2', '"version": 3')
	.replace('"title": "City Hospital: a new information system"', `"title": "${NEW_TITLE}"`)
	.replace('"difficulty": "standard"', '"difficulty": "standrad"')
	.replace('"currency": "CNY"', '"currency": "cny"')
	.replace('"influence": 5', '"influence": 9');

async function importFile(page: Page, name: string, text: string | Buffer) {
	await page.locator('input[type="file"]').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: typeof text === 'string' ? Buffer.from(text) : text
	});
}

const editorText = (page: Page) => page.locator('.cm-content');

/** Publishes the open draft from its Publish tab with a change note. */
async function publishVersion(
	page: Page,
	version: number,
	note = 'A new edition for the spring class.'
) {
	await page.getByRole('tab', { name: 'Publish' }).click();
	await page.getByLabel('Change note (required)').fill(note);
	await page.getByRole('button', { name: `Publish version ${version}` }).click();
}

/** Fixes one problem: go to it from the list, then type the right value over the selection. */
async function fix(page: Page, message: RegExp, value: string) {
	await page.getByTestId('problems-errors').getByRole('button', { name: message }).click();
	await expect(editorText(page)).toBeFocused();
	await page.keyboard.press('Backspace');
	await page.keyboard.insertText(value);
}

test('a trainer imports a file with three errors, fixes them, runs the checks, publishes version 3, and a trainee plays it', async ({
	page,
	axe
}) => {
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trainer studio');
	await expect(page.getByText('Nothing published on this device yet.')).toBeVisible();
	await axe('studio manager');

	await importFile(page, 'hospital-v2.json', threeErrors);
	await expect(page).toHaveURL(/\/trainer\/scenarios\/[^/]+$/);
	await expect(page.getByText('“hospital-v2.json” has 3 errors.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Errors (3)' })).toBeVisible();
	await expect(editorText(page)).toContainText(NEW_TITLE);
	// The problems are marked in the text too (CodeMirror draws only the lines in view).
	await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
	await axe('editor with errors');

	await fix(page, /did you mean "standard"/, '"standard"');
	await expect(page.getByRole('heading', { name: 'Errors (2)' })).toBeVisible();
	await fix(page, /did you mean "CNY"/, '"CNY"');
	await expect(page.getByRole('heading', { name: 'Errors (1)' })).toBeVisible();
	await fix(page, /9 is too large/, '5');
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

	// A reload loses nothing.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	await expect(editorText(page)).toContainText('"difficulty": "standard"');

	await page.getByRole('tab', { name: 'Overview' }).click();
	await expect(page.getByRole('heading', { name: 'The customer’s people' })).toBeVisible();
	await expect(page.getByText('Zhao Ming', { exact: true })).toBeVisible();
	await axe('overview');

	await page.getByRole('tab', { name: 'Checks' }).click();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('5 of 5 checks pass.')).toBeVisible();
	await expect(page.getByRole('row')).toHaveCount(6);
	await expect(page.getByRole('cell', { name: '✓ Passed' })).toHaveCount(5);

	await page.getByRole('tab', { name: 'Publish' }).click();
	// The changes from the shipped version 1, and a change note that publishing asks for.
	const diff = page.getByTestId('version-diff');
	await expect(
		diff.getByRole('heading', { name: 'Changes from version 2 (Shipped)' })
	).toBeVisible();
	await expect(diff.getByRole('heading', { name: 'Texts (1)' })).toBeVisible();
	// Only the words that changed are marked.
	await expect(diff.locator('del')).toHaveText(/: a new information system/);
	await expect(diff.locator('ins')).toHaveText(/, second edition/);
	await axe('publish tab with the changes');
	await page.getByRole('button', { name: 'Publish version 3' }).click();
	await expect(page.getByText('Write a change note before publishing.')).toBeVisible();
	await expect(page.getByLabel('Change note (required)')).toBeFocused();
	await page.getByLabel('Change note (required)').fill('New title for the second edition.');
	await page.getByRole('button', { name: 'Publish version 3' }).click();
	await expect(page).toHaveURL(/\/trainer$/);
	await expect(page.getByText('Published city-hospital-his, version 3.')).toBeVisible();
	await expect(page.getByText('No drafts yet.')).toBeVisible();
	const publishedRow = page
		.getByRole('region', { name: 'Published and retired' })
		.getByRole('row', { name: new RegExp(NEW_TITLE) });
	await expect(publishedRow).toContainText('Published');
	await expect(publishedRow.getByTestId('change-note')).toHaveText(
		'New title for the second edition.'
	);

	// A trainee finds it in the library and plays it.
	await page.goto('/scenarios');
	await expect(page.getByRole('heading', { name: NEW_TITLE })).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'City Hospital: a new information system' })
	).toHaveCount(0);
	await startDeal(page, 'city-hospital-his', 'practice');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_TITLE);
	const scenario = readScenario('city-hospital-his');
	for (const action of scenario.checks![0].actions.slice(0, 3)) await play(page, scenario, action);
	await play(page, scenario, { type: 'withdraw' });
	await expect(page).toHaveURL(/\/attempts\//);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(NEW_TITLE);
});

test('changed content under a version already out is refused and a higher version is offered', async ({
	page
}) => {
	// A whole scenario typed into the editor and checked more than once: 43 to 54 s in full runs
	// on a shared 2-core machine, over the default minute once.
	test.setTimeout(120_000);
	await page.goto('/trainer');
	const shipped = page.getByRole('region', { name: 'Shipped with the app' });
	await shipped
		.getByRole('button', { name: 'New version: City Hospital: a new information system v2' })
		.click();
	// A new version of a shipped scenario starts one above it.
	await expect(editorText(page)).toContainText('"version": 3');
	// Changed content under version 2, which the shipped file already uses.
	await editorText(page).click();
	await page.keyboard.press('Control+a');
	await page.keyboard.insertText(hospital.replace('"budget": 36000', '"budget": 40000'));
	await page.getByRole('tab', { name: 'Publish' }).click();
	await expect(page.getByText(/Version 2 of city-hospital-his is taken/)).toBeVisible();
	await expect(page.getByRole('button', { name: /Publish version/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Set the version to 3' }).click();
	await expect(page.getByText('Ready to publish city-hospital-his, version 3.')).toBeVisible();
	await page.getByRole('tab', { name: 'Editor' }).click();
	await editorText(page).click();
	await page.keyboard.press('Control+Home');
	await expect(editorText(page)).toContainText('"version": 3');
});

test('publishing is refused while one of the draft’s checks fails, as on the command line', async ({
	page,
	axe
}) => {
	// A whole scenario typed into the editor and checked more than once: 43 to 54 s in full runs
	// on a shared 2-core machine, over the default minute once.
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await importFile(
		page,
		'failing-check.json',
		hospital
			.replace('"version": 2', '"version": 3')
			.replace('"expect": {\n\t\t\t\t"outcome": "lost"', '"expect": {\n\t\t\t\t"outcome": "won"')
	);
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	await page.getByRole('tab', { name: 'Publish' }).click();
	const refused = page.getByTestId('publish-refused');
	await expect(refused).toContainText(
		'1 of 5 checks fails: “naive path: price first, the wrong people, gifts to finance, no chart”.'
	);
	await expect(page.getByRole('button', { name: /Publish version/ })).toHaveCount(0);
	await expect(page.getByLabel('Change note (required)')).toHaveCount(0);
	await axe('publish refused');
	await refused.getByRole('button', { name: 'Open the Checks tab' }).click();
	await expect(page.getByRole('tab', { name: 'Checks' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('tab', { name: 'Checks' })).toBeFocused();

	// Fixed, the same draft can be published.
	await page.getByRole('tab', { name: 'Editor' }).click();
	await editorText(page).click();
	await page.keyboard.press('Control+a');
	await page.keyboard.insertText(hospital.replace('"version": 2', '"version": 3'));
	await page.getByRole('tab', { name: 'Publish' }).click();
	await expect(page.getByTestId('publish-refused')).toHaveCount(0);
	await expect(page.getByText('Checks: 5 of 5 pass.')).toBeVisible();
	await expect(
		page.getByText('The content is the same as version 2: only the version number differs.')
	).toBeVisible();
	await publishVersion(page, 3, 'Republished unchanged.');
	await expect(page.getByText('Published city-hospital-his, version 3.')).toBeVisible();
});

test('the try-out plays the draft in practice mode without saving anything', async ({ page }) => {
	await page.goto('/trainer');
	await page.getByRole('button', { name: 'New blank scenario' }).click();
	await expect(page.getByRole('heading', { name: 'Errors (0)' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Warnings (0)' })).toBeVisible();
	await page.getByRole('link', { name: 'Try it' }).click();
	await expect(page.getByText('Nothing is saved and nothing is published.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Sales activity' })).toBeVisible();
	await page.getByRole('button', { name: 'Withdraw from the deal' }).click();
	await page.getByRole('button', { name: 'Yes, withdraw' }).click();
	await expect(
		page.getByRole('heading', { name: /The deal ended: Withdrawn, score/ })
	).toBeVisible();
	// Nothing went into the library or the attempts.
	await page.goto('/scenarios');
	await expect(page.getByRole('heading', { name: /New scenario/ })).toHaveCount(0);
});

const bad = [
	{
		name: 'not JSON',
		file: 'notes.json',
		text: 'Zhao Ming is the director',
		message: /is not JSON/
	},
	{
		name: 'the wrong format',
		file: 'attempt.json',
		text: '{"format": "sales-sim/attempt@1"}',
		message: /not the kind of file expected here/
	},
	{
		name: 'a dangerous key',
		file: 'proto.json',
		text: hospital.replace('"tags": [', '"__proto__": {"isAdmin": true}, "tags": ['),
		message: /The field name "__proto__" is not allowed/
	},
	{
		name: 'HTML in a text',
		file: 'html.json',
		text: hospital.replace('"Hospital Director"', '"<img src=x onerror=alert(1)>"'),
		message: /contains the HTML markup "<img src=x onerror=alert\(1\)>"/
	}
];

for (const { name, file, text, message } of bad) {
	test(`a bad file (${name}) gets the validator's message, nothing is stored, the text is kept`, async ({
		page
	}) => {
		let dialogs = 0;
		page.on('dialog', (dialog) => {
			dialogs++;
			void dialog.dismiss();
		});
		await page.goto('/trainer');
		await importFile(page, file, text);
		await expect(
			page.getByTestId('problems-errors').getByRole('button', { name: message })
		).toBeVisible();
		await expect(page.getByRole('tab', { name: 'Publish' })).toBeVisible();
		await page.getByRole('tab', { name: 'Publish' }).click();
		await expect(page.getByText(/Fix (it|them) before publishing/)).toBeVisible();
		await page.getByRole('tab', { name: 'Editor' }).click();
		await expect(editorText(page)).toContainText(text.slice(0, 20));
		// Markup in the file is shown as text, never run.
		await expect(page.locator('img[src="x"]')).toHaveCount(0);
		await page.getByRole('link', { name: 'All scenarios' }).click();
		await expect(page.getByText('Nothing published on this device yet.')).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your drafts' }).getByRole('row')).toHaveCount(2);
		expect(dialogs).toBe(0);
	});
}

test('a file over 1 MiB is refused before it is read, and nothing is kept', async ({ page }) => {
	await page.goto('/trainer');
	await importFile(page, 'huge.json', Buffer.alloc(1024 * 1024 + 10, 0x20));
	await expect(page.getByRole('alert')).toContainText('“huge.json” was not imported');
	await expect(page.getByRole('alert')).toContainText('the largest file accepted is 1048576 bytes');
	await expect(page).toHaveURL(/\/trainer$/);
	await expect(page.getByText('No drafts yet.')).toBeVisible();
});

test('a file dropped on the manager is imported like a picked one', async ({ page }) => {
	await page.goto('/trainer');
	const zone = page.getByTestId('drop-zone');
	const transfer = await page.evaluateHandle(
		(text) => {
			const data = new DataTransfer();
			data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
			return data;
		},
		hospital.replace('"version": 2', '"version": 3')
	);
	await zone.dispatchEvent('drop', { dataTransfer: transfer });
	await expect(page.getByText('“dropped.json” is a valid scenario.')).toBeVisible();
	await expect(editorText(page)).toContainText('"version": 3');
});

test('a text with markup escaped as entities shows literally in the overview and the try-out', async ({
	page
}) => {
	let dialogs = 0;
	page.on('dialog', (dialog) => {
		dialogs++;
		void dialog.dismiss();
	});
	const shown = '&lt;img src=x onerror=alert(1)&gt;';
	await page.goto('/trainer');
	await importFile(page, 'entities.json', hospital.replace('"Hospital Director"', `"${shown}"`));
	await expect(page.getByRole('heading', { name: 'Warnings (1)' })).toBeVisible();
	await page.getByRole('tab', { name: 'Overview' }).click();
	await expect(page.getByText(shown, { exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Try it' }).click();
	await expect(page.getByText(shown).first()).toBeVisible();
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	expect(dialogs).toBe(0);
});

test('retiring a published version takes it out of the library and keeps it listed', async ({
	page
}) => {
	await page.goto('/trainer');
	await importFile(
		page,
		'v2.json',
		hospital
			.replace('"version": 2', '"version": 3')
			.replace('"title": "City Hospital: a new information system"', `"title": "${NEW_TITLE}"`)
	);
	await publishVersion(page, 3);
	await expect(page.getByText('Published city-hospital-his, version 3.')).toBeVisible();
	await page.getByRole('button', { name: `Retire: ${NEW_TITLE} v3` }).click();
	await page.getByRole('button', { name: 'Yes, retire' }).click();
	await expect(page.getByText('Retired city-hospital-his version 3.')).toBeVisible();
	await expect(
		page
			.getByRole('region', { name: 'Published and retired' })
			.getByRole('row', { name: new RegExp(NEW_TITLE) })
	).toContainText('Retired');
	await page.goto('/scenarios');
	await expect(page.getByRole('heading', { name: NEW_TITLE })).toHaveCount(0);
});

test('a duplicate published as a new scenario appears in the library and plays', async ({
	page
}) => {
	await page.goto('/trainer');
	await page
		.getByRole('region', { name: 'Shipped with the app' })
		.getByRole('button', { name: 'Duplicate: City Hospital: a new information system v2' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Draft: City Hospital: a new information system (copy)'
	);
	await publishVersion(page, 1, 'A copy for the evening class.');
	await expect(page.getByText('Published city-hospital-his-copy, version 1.')).toBeVisible();
	await page.goto('/scenarios');
	await expect(
		page.getByRole('heading', { name: 'City Hospital: a new information system (copy)' })
	).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'City Hospital: a new information system', exact: true })
	).toBeVisible();
	await startDeal(page, 'city-hospital-his-copy', 'practice');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'City Hospital: a new information system (copy)'
	);
});

test('the editor completes from the schema, and Escape then Tab leaves it', async ({ page }) => {
	await page.goto('/trainer');
	await page.getByRole('button', { name: 'New blank scenario' }).click();
	const editor = editorText(page);
	await expect(editor).toBeVisible();
	await expect(editor).toHaveAccessibleName('Scenario file (JSON)');
	await editor.click();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('End');
	await page.keyboard.press('Enter');
	await page.keyboard.type('"');
	await page.keyboard.press('Control+Space');
	await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('methodology');
	await page.keyboard.press('Escape');
	await expect(page.locator('.cm-tooltip-autocomplete')).toHaveCount(0);
	// Tab indents and stays; Escape then Tab moves on.
	await page.keyboard.press('Tab');
	await expect(editor).toBeFocused();
	await page.keyboard.press('Escape');
	await page.keyboard.press('Shift+Tab');
	await expect(editor).not.toBeFocused();
});

test('in Chinese the studio and the validator speak Chinese', async ({
	page,
	switchLanguage,
	axe
}) => {
	await page.goto('/trainer');
	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('培训师工作室');
	await importFile(page, 'hospital-v2.json', threeErrors);
	await expect(page.getByRole('heading', { name: '错误（3）' })).toBeVisible();
	await expect(
		page.getByTestId('problems-errors').getByRole('button', { name: /第 9 行，第 16 列/ })
	).toContainText('“standrad”');
	await axe('editor in Chinese');

	// The editor's own words are Chinese too: completion details, the search panel.
	const editor = editorText(page);
	await editor.click();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('End');
	await page.keyboard.press('Enter');
	await page.keyboard.type('"');
	await page.keyboard.press('Control+Space');
	const completions = page.locator('.cm-tooltip-autocomplete');
	// Only the fields the file does not have yet are offered.
	await expect(completions).toContainText('withdrawals');
	await expect(completions.locator('.cm-completionDetail').first()).toHaveText(
		/^(文本|数字|整数|列表|对象|true 或 false)$/
	);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+f');
	await expect(page.locator('.cm-search input[name="search"]')).toHaveAttribute(
		'placeholder',
		'查找'
	);
	await expect(page.locator('.cm-search button[name="close"]')).toHaveAttribute(
		'aria-label',
		'关闭'
	);
	await axe('search panel in Chinese');
});

test('while the JSON is broken the header keeps the last readable title', async ({ page }) => {
	// A whole scenario typed into the editor and checked more than once: 43 to 54 s in full runs
	// on a shared 2-core machine, over the default minute once.
	test.setTimeout(120_000);
	await page.goto('/trainer');
	await importFile(page, 'hospital.json', hospital.replace('"version": 2', '"version": 3'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Draft: City Hospital: a new information system'
	);
	await editorText(page).click();
	await page.keyboard.press('Control+a');
	// A full-width comma: the file is not JSON any more.
	await page.keyboard.insertText(hospital.replace('"version": 2,', '"version": 3，'));
	await expect(page.getByRole('heading', { name: 'Errors (1)' })).toBeVisible();
	await expect(
		page.getByTestId('problems-errors').getByRole('button', { name: /full-width comma/ })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Draft: City Hospital: a new information system'
	);
	await expect(page.getByTestId('header-unreadable')).toContainText('from the last readable text');
	await expect(page.getByText('city-hospital-his', { exact: true })).toBeVisible();
});
