/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const notXmlCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe inside an XML element or attribute: markup characters escaped, characters XML cannot carry
 * dropped (a partner name with a stray control character must not make the bank refuse the whole file).
 */
export function xmlText(value: string): string {
  return value.replace(notXmlCharacter, '').replace(/[&<>"']/g, (character) => entities[character] ?? '');
}

/** `text` cut to at most `max` characters (ISO 20022 fields are bounded: Max35Text, Max140Text). */
export function bounded(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}
