import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
