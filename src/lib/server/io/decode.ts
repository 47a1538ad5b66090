/**
 * Bytes of an uploaded file to text. The standard says UTF-8; spreadsheets on Windows still
 * save "CSV" in Windows-1252, so bytes that are not valid UTF-8 are read as Windows-1252 (the
 * report says so). Files that are not text at all get a message saying what they are.
 */
import { IoError, formatBytes } from './errors';

export type Encoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
	text: string;
	encoding: Encoding;
	/** The file started with a UTF-8 byte order mark (Excel's "CSV UTF-8"). */
	bom: boolean;
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
	return signature.every((byte, i) => bytes[i] === byte);
}

/** What a binary file is, when we can tell, to say so in the message. */
function notText(bytes: Uint8Array, filename: string): string | undefined {
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		return `${filename} est encodé en UTF-16 (« Texte Unicode » d'Excel) : enregistrez-le en « CSV UTF-8 » puis réessayez.`;
	}
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		return `${filename} est un fichier compressé (un classeur .xlsx ou .ods, ou une archive .zip), pas un CSV : enregistrez-le au format « CSV UTF-8 » puis réessayez.`;
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
		return `${filename} est un classeur Excel ancien (.xls), pas un CSV : enregistrez-le au format « CSV UTF-8 » puis réessayez.`;
	}
	const head = bytes.subarray(0, 4096);
	if (head.includes(0)) {
		return `${filename} contient des octets nuls : ce n'est pas un fichier texte (ou il est en UTF-16). Enregistrez-le en « CSV UTF-8 » puis réessayez.`;
	}
	return undefined;
}

export function decodeText(bytes: Uint8Array, filename: string): DecodedText {
	const binary = notText(bytes, filename);
	if (binary) throw new IoError(400, binary);

	const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
	const body = bom ? bytes.subarray(3) : bytes;
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
		return { text, encoding: 'utf-8', bom };
	} catch {
		// Node ships full ICU: windows-1252 is a real decoder, every byte maps to a character.
		return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', bom };
	}
}

/** Refuses a file over the limit; `partial` when only the first `size` bytes were counted. */
export function checkSize(size: number, maxBytes: number, filename: string, partial = false) {
	if (size <= maxBytes) return;
	const measured = partial ? 'fait plus de' : 'fait';
	throw new IoError(
		413,
		`${filename} ${measured} ${formatBytes(partial ? maxBytes : size)} : la limite est de ${formatBytes(maxBytes)} par import (MAX_UPLOAD_BYTES). Découpez le fichier, par exemple par département.`
	);
}

/**
 * Reads a stream into memory, refusing it as soon as it passes `maxBytes` rather than after
 * buffering all of it.
 */
export async function readLimited(
	stream: AsyncIterable<Uint8Array>,
	maxBytes: number,
	filename: string
): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.byteLength;
		checkSize(size, maxBytes, filename, true);
		chunks.push(chunk);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
