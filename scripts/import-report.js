// `node scripts/import-report.js [DATA_FOLDER] [OUTPUT]`: regenerates docs/import-report.md.
// The generator is TypeScript using the app's modules; Vite loads it as the CLI does in a checkout.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [folder = '/work/shared/data', output = join(root, 'docs/import-report.md')] = process.argv.slice(2);
process.env.LOG_LEVEL ||= 'warn';

const vite = await createServer({
	configFile: join(root, 'vite.cli.config.ts'),
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
try {
	const { writeImportReport } = await vite.ssrLoadModule('/scripts/import-report-page.ts');
	await writeImportReport(resolve(folder), resolve(output));
	console.log(`Written: ${resolve(output)}`);
} finally {
	await vite.close();
}
