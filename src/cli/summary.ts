/** The import report as the terminal shows it: counts first, then what to look at. */
import { fieldLabel } from '$lib/domain/standard/issues';
import { count } from '$lib/i18n/plural';
import { DELIMITER_NAMES, type Delimiter } from '$lib/server/io/csv';
import { rowLabel } from '$lib/server/io/parse';
import { duplicateText, type FindingKind, type ImportReport } from '$lib/server/io/report';
import { findingLabel } from '$lib/server/io/finding-labels';

/** Lines shown per list before "… and N more". */
const LIST_LIMIT = 20;

const plural = (n: number, one: string, many = `${one}s`) => count(n, one, many);

function fileLine(report: ImportReport): string {
	const parts = [report.format === 'csv' ? 'CSV' : report.format === 'json' ? 'JSON' : 'GeoJSON'];
	if (report.delimiter) parts.push(`séparateur ${DELIMITER_NAMES[report.delimiter as Delimiter]}`);
	parts.push(report.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252');
	return `Fichier : ${report.filename} (${parts.join(', ')})`;
}

function limited(lines: string[], more: string): string[] {
	if (lines.length <= LIST_LIMIT) return lines;
	return [...lines.slice(0, LIST_LIMIT), `  … et ${lines.length - LIST_LIMIT} de plus ${more}`];
}

function kindLine(kind: FindingKind): string {
	const count = String(kind.rows).padStart(6);
	const name = findingLabel(kind.code);
	return `  ${count}  ${fieldLabel(kind.field)} : ${name} (${kind.code}) — ex. ${kind.example}`;
}

export function summaryLines(report: ImportReport): string[] {
	const c = report.counts;
	const lines = [
		fileLine(report),
		`Version du standard : ${plural(c.rows - report.versions['0.1'], 'ligne')} en v1.x, ${report.versions['0.1']} en v0.1`,
		`${plural(c.rows, 'ligne')} : ${plural(c.accepted, 'acceptée')}, ${plural(c.normalised, 'normalisée')}, ${plural(c.rejected, 'rejetée')}`,
		`À l'application : ${plural(c.create, 'création')}, ${plural(c.update, 'mise', 'mises')} à jour, ${plural(c.unchanged, 'inchangée')}`,
		`Doublons probables : ${plural(c.duplicates, 'ligne')} · données personnelles possibles : ${plural(c.personalData, 'ligne')}`
	];
	for (const notice of report.notices) lines.push(`Note : ${notice}`);

	const fixes = report.kinds.filter((k) => k.fix);
	const remarks = report.kinds.filter((k) => !k.fix && k.code !== 'obligatoire');
	if (fixes.length) lines.push('', 'Corrections (lignes concernées) :', ...fixes.map(kindLine));
	if (remarks.length) lines.push('', 'Remarques à vérifier (lignes concernées) :', ...remarks.map(kindLine));

	const at = (row: number) => rowLabel(report.format, row);
	const rejected = report.rows
		.filter((r) => r.status === 'rejected')
		.map((r) => {
			const reasons = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
			return `  ${at(r.row)}${r.id ? ` (id ${r.id})` : ''} : ${reasons.join(' ')}`;
		});
	if (rejected.length) {
		lines.push('', 'Lignes rejetées :', ...limited(rejected, '(voir --report)'));
	}

	const duplicates = report.rows.flatMap((r) =>
		r.duplicates.map((d) => `  ${at(r.row)} « ${r.nom} » : ${duplicateText(d, report.format)}`)
	);
	if (duplicates.length) {
		lines.push('', 'Doublons probables :', ...limited(duplicates, '(voir --report)'));
	}
	return lines;
}
