/**
 * Street addresses reduced to what identifies them: the house number and the street, with
 * the abbreviations of French addresses spelt out ("27 B AV DE LA TRILLADE" and "27 Avenue de
 * la Trillade" both read as 27, "avenue trillade").
 */
import { fold } from '../normalize/text';

export interface StreetAddress {
	number: string | null;
	street: string;
}

const ABBREVIATIONS: Record<string, string> = {
	all: 'allee',
	av: 'avenue',
	ave: 'avenue',
	bd: 'boulevard',
	bld: 'boulevard',
	blvd: 'boulevard',
	bvd: 'boulevard',
	ch: 'chemin',
	che: 'chemin',
	chem: 'chemin',
	crs: 'cours',
	fg: 'faubourg',
	imp: 'impasse',
	pas: 'passage',
	pl: 'place',
	qu: 'quai',
	r: 'rue',
	res: 'residence',
	rte: 'route',
	sq: 'square',
	st: 'saint',
	ste: 'sainte',
	tra: 'traverse',
	// "96 Voie la Canebière": BAN exports sometimes name the street type "voie".
	voie: ''
};
const SMALL_WORDS = new Set([
	'de',
	'du',
	'des',
	'la',
	'le',
	'les',
	'l',
	'd',
	'a',
	'au',
	'aux',
	'et'
]);
const REPETITION = new Set(['bis', 'ter', 'quater', 'b', 'c']);
const NUMBER = /^(\d+)[a-z]?$/;

export function streetAddress(text: string): StreetAddress {
	const words = fold(text).split(' ');
	let number: string | null = null;
	const first = NUMBER.exec(words[0] ?? '');
	if (first) {
		number = String(Number(first[1]));
		words.shift();
		if (REPETITION.has(words[0])) words.shift();
	}
	const street = words
		.map((w) => ABBREVIATIONS[w] ?? w)
		.filter((w) => w !== '' && !SMALL_WORDS.has(w))
		.join(' ');
	// "0 Rue des Jardins", "00 Place Jean Léa": no number.
	return { number: number === '0' ? null : number, street };
}
