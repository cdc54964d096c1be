/**
 * Characters a shop text must not carry. Salesforce stores whatever an import or a paste put in
 * a field, but a control character in a product name is never meant: it is invisible in
 * Salesforce, breaks the checkout page, invoices and XML exports in cleverbridge, and is usually
 * the residue of a copy from a PDF or a spreadsheet. Refusing it, with its position, lets the
 * manager find and remove it; sending it would publish it.
 */

/** C0 and C1 control characters and DEL; line breaks and tabs are allowed in multi-line texts. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Half of a surrogate pair without the other half: not a character at all. */
const LONE_SURROGATE = /\p{Surrogate}/u;
const NONCHARACTER = /[\ufffe\uffff]/u;

const codePoint = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a text cannot be sent, naming the character and its position (from 1), or null. */
export function badCharacter(text: string, multiline: boolean): string | null {
  const control = (multiline ? CONTROL_MULTILINE : CONTROL).exec(text) ?? null;
  const surrogate = LONE_SURROGATE.exec(text);
  const nonCharacter = NONCHARACTER.exec(text);
  const first = [control, surrogate, nonCharacter]
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (!first) return null;
  const at = [...text.slice(0, first.index)].length + 1;
  const what =
    first === control
      ? `an invisible control character (${codePoint(first[0])})`
      : first === surrogate
        ? `a broken character (a lone ${codePoint(first[0])} surrogate)`
        : `a non-character (${codePoint(first[0])})`;
  return `contains ${what} at character ${at}`;
}
