export async function main(_argv: string[], _options: { cwd: string }): Promise<number> {
	// TODO: placeholder until the importer and exporter land.
	return 1;
}
