/**
 * A listing as one row of the standard's files: the 32 columns in schema order, as strings.
 * Multi-valued fields are joined with `|` (no spaces around), numbers written as plain
 * decimals, empty fields as the empty string.
 */
import { cellText } from '../normalize/text';
import { FIELDS, type ListingFields } from './fields';

export interface RecordOptions {
	/**
	 * What to write for a missing `pivot`. The schema requires the column, so an empty cell
	 * fails a Frictionless validation; the national pipeline writes `00000000000000` instead.
	 */
	missingPivot?: string;
}

export function toStandardRecord(
	fields: ListingFields,
	options: RecordOptions = {}
): Record<string, string> {
	const source = fields as unknown as Record<string, unknown>;
	const record: Record<string, string> = {};
	for (const { name } of FIELDS) record[name] = cellText(source[name]);
	if (record.pivot === '' && options.missingPivot !== undefined)
		record.pivot = options.missingPivot;
	return record;
}
