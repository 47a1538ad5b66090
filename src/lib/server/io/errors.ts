/**
 * A refused import or export, with the HTTP status to answer and a French message naming the
 * file, the row or the column and the reason. Routes turn it into `fail(status, { message })`,
 * the CLI prints it.
 */
export class IoError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 413,
		message: string
	) {
		super(message);
		this.name = 'IoError';
	}
}

/** A size in French units: « 1,5 Mo ». */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} octets`;
	const [value, unit] =
		bytes < 1024 * 1024 ? [bytes / 1024, 'ko'] : [bytes / (1024 * 1024), 'Mo'];
	return `${value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${unit}`;
}
