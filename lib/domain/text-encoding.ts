/**
 * The bytes of an uploaded text file (CSV) as text. UTF-8 (with or without a BOM) and UTF-16 with its BOM (Excel's
 * "Unicode Text") are read as they are. Anything else is refused, never read with replacement characters: Excel with
 * Vietnamese regional settings saves "CSV" as Windows-1258 and Western Excel as Latin-1 (Windows-1252), and guessing
 * between them garbles every Vietnamese title. Windows-1258 is decoded only when the caller says so.
 */
import iconv from "iconv-lite";
import type { TextEncoding } from "./codes";

export { TEXT_ENCODINGS, type TextEncoding } from "./codes";

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: "not_utf8" };

/** The message API callers read (English, like every API message; the page shows its own translation). */
export const NOT_UTF8_MESSAGE =
  "the file is not valid UTF-8. Excel in Vietnam saves CSV as Windows-1258 (or Latin-1): in Excel choose File > Save As > " +
  '"CSV UTF-8 (Comma delimited) (*.csv)" and upload that file, or send ?encoding=windows-1258 if the file really is Windows-1258';

/** The same in Vietnamese, sent beside the English message for people reading the API answer. */
export const NOT_UTF8_MESSAGE_VI =
  "Tệp không được mã hóa UTF-8. Excel tại Việt Nam thường lưu CSV theo bảng mã Windows-1258 (hoặc Latin-1): trong Excel chọn " +
  'Tệp > Lưu thành > "CSV UTF-8 (Comma delimited) (*.csv)" rồi tải tệp đó lên, hoặc chọn "Tệp mã hóa Windows-1258" nếu đúng là bảng mã đó.';

export function decodeText(bytes: Uint8Array, encoding: TextEncoding = "utf-8"): DecodeResult {
  if (encoding === "windows-1258") {
    // a UTF-8 BOM says the file is not Windows-1258 after all: read it as UTF-8 rather than garble it
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeText(bytes, "utf-8");
    // Windows-1258 writes tone marks as combining characters after the letter: compose them as every other text is
    return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows1258").normalize("NFC") };
  }
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2)) };
    // ignoreBOM: keep a BOM in the text, so the CSV reader strips it in one place
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: "not_utf8" };
  }
}
