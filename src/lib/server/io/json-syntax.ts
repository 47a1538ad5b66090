/**
 * Where a JSON text first breaks, and why, in French. `JSON.parse` does the parsing; this
 * scanner only runs after it failed, because V8's messages do not always give a position
 * ("Unexpected token '}', … is not valid JSON") and are in English.
 */

export interface JsonSyntaxProblem {
	line: number;
	column: number;
	reason: string;
}

class Stop extends Error {
	constructor(
		readonly offset: number,
		readonly reason: string
	) {
		super(reason);
	}
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function scan(text: string): void {
	let i = 0;

	const found = () =>
		i >= text.length ? 'fin du fichier' : `« ${text.slice(i, i + 12).split('\n')[0]} »`;
	const stop = (reason: string): never => {
		throw new Stop(i, reason);
	};
	const space = () => {
		while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
	};

	const string = () => {
		i++;
		for (;;) {
			if (i >= text.length) stop("un texte entre guillemets n'est jamais fermé.");
			const c = text.charCodeAt(i);
			if (c === 34) return void i++;
			if (c < 32) stop('retour à la ligne ou caractère de contrôle dans un texte (il doit être écrit \\n).');
			if (c === 92) {
				const escape = text[i + 1];
				if (escape === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop('séquence \\u invalide.');
					i += 6;
				} else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
				else stop(`échappement inconnu « \\${escape ?? ''} ».`);
			} else i++;
		}
	};

	const value = (depth: number): void => {
		if (depth > MAX_DEPTH) stop('imbrication trop profonde.');
		space();
		const c = text[i];
		if (c === '{') return object(depth);
		if (c === '[') return array(depth);
		if (c === '"') return string();
		for (const pattern of [NUMBER, LITERAL]) {
			pattern.lastIndex = i;
			if (pattern.test(text)) {
				i = pattern.lastIndex;
				return;
			}
		}
		stop(`valeur attendue, trouvé ${found()}.`);
	};

	const array = (depth: number) => {
		i++;
		space();
		if (text[i] === ']') return void i++;
		for (;;) {
			value(depth + 1);
			space();
			if (text[i] === ',') {
				i++;
				space();
				if (text[i] === ']') stop('virgule en trop avant « ] ».');
			} else if (text[i] === ']') return void i++;
			else stop(`« , » ou « ] » attendu après un élément de liste, trouvé ${found()}.`);
		}
	};

	const object = (depth: number) => {
		i++;
		space();
		if (text[i] === '}') return void i++;
		for (;;) {
			space();
			if (text[i] !== '"') {
				stop(`nom de propriété entre guillemets attendu, trouvé ${found()} (virgule en trop ?).`);
			}
			string();
			space();
			if (text[i] !== ':') stop(`« : » attendu après un nom de propriété, trouvé ${found()}.`);
			i++;
			value(depth + 1);
			space();
			if (text[i] === ',') i++;
			else if (text[i] === '}') return void i++;
			else stop(`« , » ou « } » attendu après une valeur, trouvé ${found()}.`);
		}
	};

	value(0);
	space();
	if (i < text.length) stop(`texte après la fin du JSON : ${found()}.`);
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
	try {
		scan(text);
		return null;
	} catch (error) {
		if (!(error instanceof Stop)) throw error;
		const before = text.slice(0, error.offset);
		const line = before.split('\n').length;
		const column = error.offset - before.lastIndexOf('\n');
		return { line, column, reason: error.reason };
	}
}
