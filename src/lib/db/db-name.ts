/** The app's one IndexedDB database: its name, apart, so that presence.ts and database.ts share it without importing each other. */
export const DB_NAME = 'sales-sim';
