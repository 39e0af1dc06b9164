import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const MESSAGES_BY_NAME =
	'Name the message (m.some_key), or pick it from a map in src/lib/i18n/maps/: a computed lookup on the messages object keeps every message in every page.';

export default ts.config(
	{
		ignores: [
			'.build*/',
			'.tmp/',
			'.svelte-kit*/',
			'build*/',
			'.svelte-kit*/',
			'project.inlang/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'reports/',
			'.stryker-tmp/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'svelte/no-at-html-tags': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Messages are named, never looked up by a computed key on `m`: a bundler keeps only the
		// messages the code names, and `m[key]` names them all (every message of every area in
		// both languages on every page). Pick by a computed key from a map in
		// src/lib/i18n/maps/ (scripts/gen-message-maps.ts) instead.
		files: ['src/**/*.ts', 'src/**/*.svelte', 'scripts/**/*.ts'],
		ignores: ['**/*.spec.ts', 'src/lib/paraglide/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "MemberExpression[computed=true][object.type='Identifier'][object.name='m']",
					message: MESSAGES_BY_NAME
				},
				{
					selector: "TSAsExpression[expression.type='Identifier'][expression.name='m']",
					message: MESSAGES_BY_NAME
				},
				{
					selector: "CallExpression > Identifier.arguments[name='m']",
					message: MESSAGES_BY_NAME
				},
				{
					selector: "SpreadElement > Identifier.argument[name='m']",
					message: MESSAGES_BY_NAME
				},
				{
					selector:
						'ImportDeclaration[source.value=/paraglide\\/messages(\\.js)?$/] > ImportNamespaceSpecifier',
					message: MESSAGES_BY_NAME
				}
			]
		}
	},
	{
		// The engine is pure TypeScript: it runs in Node, in tests and in the browser alike.
		files: ['src/lib/engine/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'$app/*',
								'dexie',
								'$lib/db/*',
								'$lib/state/*',
								'$lib/components/*'
							],
							message: 'The engine must stay pure TypeScript.'
						}
					]
				}
			],
			'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB'],
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'The engine is deterministic.' },
				{ object: 'Date', property: 'now', message: 'The engine is deterministic.' }
			]
		}
	}
);
