import { downloadBlob } from '../download';

/** Saves a text as a file in the browser's downloads, exactly as given (UTF-8, no BOM). */
export function downloadText(name: string, text: string): void {
	downloadBlob(name, new Blob([text], { type: 'application/json' }));
}
