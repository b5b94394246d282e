/**
 * Query parameters as the SQL-over-HTTP endpoint takes them: text or null, as the official
 * driver prepares them (pg's `prepareValue`). Dates become local-time ISO strings with their
 * offset, arrays Postgres array literals, objects JSON (or their `toPostgres()`), bytes `\x…`
 * hex; anything else its `toString()`.
 */

const pad = (value: number, length: number) => String(value).padStart(length, "0");

const hex = (bytes: ArrayBufferView) =>
  Array.from(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");

/** pg's dateToString: the instant in the runtime's time zone (UTC on Workers), with its offset. */
function dateToString(date: Date): string {
  let offset = -date.getTimezoneOffset();
  let year = date.getFullYear();
  const bc = year < 1;
  if (bc) year = Math.abs(year) + 1;
  let text =
    `${pad(year, 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}` +
    `T${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.${pad(date.getMilliseconds(), 3)}`;
  if (offset < 0) {
    text += "-";
    offset *= -1;
  } else {
    text += "+";
  }
  text += `${pad(Math.floor(offset / 60), 2)}:${pad(offset % 60, 2)}`;
  return bc ? `${text} BC` : text;
}

/** An element of an array literal, always quoted, with backslashes and quotes escaped. */
const escapeElement = (element: string) => `"${element.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function arrayString(values: readonly unknown[]): string {
  const elements = values.map((value) => {
    if (value === null || value === undefined) return "NULL";
    if (Array.isArray(value)) return arrayString(value);
    if (ArrayBuffer.isView(value)) return `\\\\x${hex(value)}`;
    return escapeElement(prepareValue(value) as string);
  });
  return `{${elements.join(",")}}`;
}

interface ToPostgres {
  toPostgres(prepare: (value: unknown) => unknown): unknown;
}

function prepareObject(value: object, seen: object[] = []): unknown {
  if (typeof (value as Partial<ToPostgres>).toPostgres === "function") {
    if (seen.includes(value)) throw new Error(`circular reference detected while preparing "${value}" for query`);
    seen.push(value);
    return prepareValue((value as ToPostgres).toPostgres(prepareValue), seen);
  }
  return JSON.stringify(value);
}

/** One parameter as sent: a string, or null for null and undefined. */
export function prepareValue(value: unknown, seen?: object[]): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    if (ArrayBuffer.isView(value)) return `\\x${hex(value)}`;
    if (value instanceof Date) return dateToString(value);
    if (Array.isArray(value)) return arrayString(value);
    return prepareObject(value, seen);
  }
  return String(value);
}
