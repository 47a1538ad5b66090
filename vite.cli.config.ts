import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the command-line tool (bin/cartoparty.js) into build/cli, dependencies left external. */
export default defineConfig({
	resolve: {
		alias: {
			$lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
			$realtime: fileURLToPath(new URL('./src/realtime', import.meta.url))
		}
	},
	build: {
		ssr: 'src/cli/index.ts',
		outDir: 'build/cli',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: { output: { entryFileNames: 'index.js' } }
	}
});
