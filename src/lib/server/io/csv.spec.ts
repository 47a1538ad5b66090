import { describe, expect, test } from 'vitest';
import { csvLine, CsvReader, CsvSyntaxError, detectDelimiter, readCsv } from './csv';

const cells = (text: string, delimiter: ',' | ';' | '\t' = ',') =>
	readCsv(text, delimiter).map((r) => r.cells);

describe('reading CSV', () => {
	test('quoted fields keep separators, line breaks and doubled quotes', () => {
		const text = 'a,b,c\r\n"1,5","deux\r\nlignes","il dit ""bonjour"""\r\n';

		expect(cells(text)).toEqual([
			['a', 'b', 'c'],
			['1,5', 'deux\r\nlignes', 'il dit "bonjour"']
		]);
	});

	test('records are numbered by the physical line where they start', () => {
		const records = readCsv('h1,h2\n"x\ny",z\nlast,row', ',');

		expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
	});

	test('a chunk boundary anywhere gives the same records as the whole text', () => {
		const text = 'id;nom\n1;"Médiathèque ""Jaude""\n63000"\n2;Espace;\r\n3;""\n';
		const whole = cells(text, ';');

		for (let cut = 0; cut <= text.length; cut++) {
			const reader = new CsvReader(';');
			const records = [...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut))];
			records.push(...reader.end());
			expect(records.map((r) => r.cells)).toEqual(whole);
		}
	});

	test('blank lines are skipped, a trailing separator gives an empty last cell', () => {
		expect(cells('a,b\n\n1,\n\n')).toEqual([
			['a', 'b'],
			['1', '']
		]);
	});

	test('a lone quote inside an unquoted field is kept as a character', () => {
		expect(cells('adresse\n5 "bis" rue du Port')).toEqual([['adresse'], ['5 "bis" rue du Port']]);
	});

	test('text after a closing quote is refused with its line and column', () => {
		const attempt = () => readCsv('a,b\n1,"Maison "France" services"\n', ',');

		expect(attempt).toThrow(CsvSyntaxError);
		expect(attempt).toThrow(
			'ligne 2, colonne 2 : texte après les guillemets fermants (« France" services" ») : un guillemet à l\'intérieur d\'un champ entre guillemets doit être doublé ("").'
		);
	});

	test('a quote still open at the end of the file is refused at the line where it opened', () => {
		expect(() => readCsv('a,b\n1,2\n3,"jamais\nfermé\n', ',')).toThrow(
			"ligne 3, colonne 2 : un guillemet ouvert n'est jamais fermé (le champ commence par « jamais »)."
		);
	});
});

describe('detecting the separator', () => {
	test('the most frequent of comma, semicolon and tab on the header line wins', () => {
		expect(detectDelimiter('id;nom;"a,b,c"\n1;2;3')).toBe(';');
		expect(detectDelimiter('id\tnom\tcommune\n')).toBe('\t');
		expect(detectDelimiter('id,nom\n1;2;3;4')).toBe(',');
		expect(detectDelimiter('id\n1')).toBe(',');
	});
});

describe('writing CSV', () => {
	test('cells are quoted only when needed, inner quotes doubled, lines end with CRLF', () => {
		expect(csvLine(['simple', 'a,b', 'dit "oui"', 'deux\nlignes', ' espace', ''])).toBe(
			'simple,"a,b","dit ""oui""","deux\nlignes"," espace",\r\n'
		);
	});

	test('what is written reads back to the same cells', () => {
		const row = ['Aide aux démarches|Loisirs', 'x;y', '"', '', 'fin\r\n'];
		const text = csvLine(row, ';') + csvLine(row, ';');

		expect(cells(text, ';')).toEqual([row, row]);
	});
});
