import { defineConfig } from 'drizzle-kit';

// `generate` needs no database; `migrate` is done by the app itself at start.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	strict: true,
	verbose: true
});
