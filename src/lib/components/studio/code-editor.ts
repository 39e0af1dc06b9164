/**
 * The studio's JSON editor: CodeMirror 6 with JSON highlighting, completion and hover help from
 * the scenario JSON Schema, and the project's own validator's problems shown as lint marks.
 * Only the studio imports this module (dynamically), so CodeMirror never weighs on the pages
 * trainees open.
 */
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import type { JSONSchema7 } from 'json-schema';
import schema from '../../../../static/scenario.schema.json';
import {
	editorPhrases,
	schemaWord,
	translateSchema,
	typeInfo,
	type EditorLocale
} from '$lib/studio/editor-language';

export interface EditorProblem {
	severity: 'error' | 'warning';
	offset: number;
	length: number;
	message: string;
}

export interface EditorOptions {
	text: string;
	/** Accessible name and description of the text area. */
	label: string;
	describedBy: string;
	/** The trainer's language: CodeMirror's panels, the hover help and the completions. */
	locale: EditorLocale;
	onchange: (text: string) => void;
}

export interface CodeEditor {
	/** Shows the validator's problems as marks in the text. */
	setProblems(problems: readonly EditorProblem[]): void;
	/** Selects a spot, scrolls it into view and focuses the editor. */
	jumpTo(offset: number, length: number): void;
	/** Replaces the whole text as one undoable change. */
	replaceText(text: string): void;
	focus(): void;
	destroy(): void;
}

const theme = EditorView.theme({
	'&': { fontSize: '0.875rem', backgroundColor: '#fff' },
	'&.cm-focused': { outline: '3px solid #1d4ed8', outlineOffset: '2px' },
	// A box of its own height keeps the page still while CodeMirror measures wrapped lines.
	'.cm-scroller': {
		fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
		height: '70vh',
		minHeight: '20rem'
	},
	'.cm-gutters': { backgroundColor: '#f1f5f9', color: '#334155', borderRight: '1px solid #cbd5e1' },
	'.cm-tooltip': { maxWidth: '32rem' }
});

/**
 * Completions from the schema with their details (the value's type) in the trainer's language;
 * the descriptions come translated with the schema.
 */
function translatedCompletion(locale: EditorLocale) {
	const complete = jsonCompletion();
	return async (context: CompletionContext): Promise<CompletionResult | null> => {
		const result = await complete(context);
		// The library answers an empty list when it has nothing to offer.
		if (!result || Array.isArray(result)) return null;
		if (locale === 'en') return result;
		return {
			...result,
			options: result.options.map((option: Completion) =>
				option.detail ? { ...option, detail: schemaWord(option.detail, locale) } : option
			)
		};
	};
}

export function createCodeEditor(parent: HTMLElement, options: EditorOptions): CodeEditor {
	const { locale } = options;
	const help = translateSchema(schema as unknown as JSONSchema7, locale);
	const view = new EditorView({
		parent,
		state: EditorState.create({
			doc: options.text,
			extensions: [
				basicSetup,
				// Tab indents; Escape then Tab (or Tab within two seconds of focusing) leaves the editor.
				keymap.of([indentWithTab]),
				json(),
				EditorState.phrases.of(locale === 'en' ? {} : editorPhrases(locale)),
				jsonLanguage.data.of({ autocomplete: translatedCompletion(locale) }),
				hoverTooltip(
					jsonSchemaHover({
						getHoverTexts: (data) => {
							const found = data.schema as Record<string, unknown>;
							return {
								// Empty: the tooltip shows the type line alone.
								message: typeof found.description === 'string' ? found.description : '',
								typeInfo: typeInfo(found, locale)
							};
						}
					})
				),
				stateExtensions(help),
				lintGutter(),
				EditorView.lineWrapping,
				theme,
				EditorView.contentAttributes.of({
					// Already reachable with Tab (it is editable); the explicit tabindex tells checkers
					// such as axe that the scrolling box holds something keyboard users can focus.
					tabindex: '0',
					'aria-label': options.label,
					'aria-describedby': options.describedBy
				}),
				EditorView.updateListener.of((update) => {
					if (update.docChanged) options.onchange(update.state.doc.toString());
				})
			]
		})
	});

	return {
		setProblems(problems) {
			const length = view.state.doc.length;
			const diagnostics: Diagnostic[] = problems.map((problem) => {
				const from = Math.min(problem.offset, length);
				return {
					from,
					to: Math.min(length, from + Math.max(problem.length, 0)),
					severity: problem.severity,
					message: problem.message
				};
			});
			view.dispatch(setDiagnostics(view.state, diagnostics));
		},
		jumpTo(offset, length) {
			const end = view.state.doc.length;
			const from = Math.min(offset, end);
			view.dispatch({
				selection: { anchor: from, head: Math.min(end, from + length) },
				effects: EditorView.scrollIntoView(from, { y: 'center' })
			});
			view.focus();
		},
		replaceText(text) {
			// Only the changed middle is replaced, so the cursor and the undo history stay useful.
			const old = view.state.doc.toString();
			let start = 0;
			while (start < old.length && start < text.length && old[start] === text[start]) start++;
			let end = 0;
			while (
				end < old.length - start &&
				end < text.length - start &&
				old[old.length - 1 - end] === text[text.length - 1 - end]
			)
				end++;
			view.dispatch({
				changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) }
			});
		},
		focus() {
			view.focus();
		},
		destroy() {
			view.destroy();
		}
	};
}
