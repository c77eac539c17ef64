import { fileRejected } from './file-rejected-error';

/** Encodings a mapping profile may name; `auto` is UTF-8 with a Windows-1252 fallback (and UTF-16 by BOM). */
export type ChannelEncoding = 'auto' | 'utf-8' | 'windows-1252';

/**
 * Decodes a byte stream chunk by chunk into text: strips a BOM, keeps a multi-byte character split across
 * chunks whole, and in `auto` mode switches to Windows-1252 from the first chunk that is not valid UTF-8
 * (partners' Excel exports are often 1252). Text already decoded is pure ASCII or valid UTF-8, which is what
 * it was. A UTF-16 BOM (Excel "Unicode text") selects UTF-16.
 */
export class ChannelTextDecoder {
  private mode: 'start' | 'utf-8' | 'windows-1252' | 'utf-16';
  private readonly strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private fallback: InstanceType<typeof TextDecoder> | undefined;
  private carry: Uint8Array | undefined;
  private readonly allowFallback: boolean;
  /** True once bytes were read as Windows-1252 (forced or fallback). */
  usedFallback = false;

  constructor(private readonly encoding: ChannelEncoding) {
    this.mode = 'start';
    this.allowFallback = encoding === 'auto';
  }

  /** Decodes the next chunk; returns the text that is complete so far. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry !== undefined) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      bytes = joined;
      this.carry = undefined;
    }
    if (this.mode === 'start') {
      if (
        bytes.length < 3 &&
        bytes.length > 0 &&
        (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe)
      ) {
        this.carry = bytes;
        return '';
      }
      bytes = this.start(bytes);
    }
    if (this.mode === 'utf-8') return this.decodeUtf8(bytes);
    return this.fallbackDecoder().decode(bytes, { stream: true });
  }

  /** Flushes what is left at the end of the stream. */
  end(): string {
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = undefined;
    if (this.mode === 'start') {
      if (rest.length === 0) return '';
      return this.decodeUtf8(this.start(rest), true);
    }
    if (this.mode === 'utf-8') return this.decodeUtf8(rest, true);
    return this.fallbackDecoder().decode(rest);
  }

  private start(bytes: Uint8Array): Uint8Array {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.mode = this.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
      return bytes.subarray(3);
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      this.mode = 'utf-16';
      this.fallback = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
      return bytes.subarray(2);
    }
    this.mode = this.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
    if (this.mode === 'windows-1252') this.usedFallback = true;
    return bytes;
  }

  private fallbackDecoder(): InstanceType<typeof TextDecoder> {
    this.fallback ??= new TextDecoder('windows-1252');
    return this.fallback;
  }

  /** Decodes the complete UTF-8 sequences and carries an incomplete trailing one to the next chunk. */
  private decodeUtf8(bytes: Uint8Array, final = false): string {
    let complete = bytes.length;
    if (!final) complete = completeUtf8Length(bytes);
    if (complete < bytes.length) this.carry = bytes.slice(complete);
    const body = complete === bytes.length ? bytes : bytes.subarray(0, complete);
    try {
      return this.strictUtf8.decode(body);
    } catch {
      if (!this.allowFallback) {
        throw fileRejected(
          'undecodable',
          'the file is not valid UTF-8; send UTF-8 or set the profile encoding',
        );
      }
      this.mode = 'windows-1252';
      this.usedFallback = true;
      // The whole chunk, including a trailing partial sequence set aside above, is 1252 text.
      this.carry = undefined;
      return final
        ? this.fallbackDecoder().decode(bytes)
        : this.fallbackDecoder().decode(bytes, { stream: true });
    }
  }
}

/** Length of the prefix of `bytes` that ends on a UTF-8 character boundary. */
function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  // A character is at most 4 bytes: look back at most 3 bytes for the lead byte of the last one.
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] ?? 0;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? length - back : length;
    }
  }
  return length;
}
