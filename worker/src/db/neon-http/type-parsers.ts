/**
 * Postgres text values to JavaScript, by type OID: the official driver's registry (pg-types 2,
 * which it bundles) cut to the HTTP driver's use. Parsers are kept for every type it parses
 * and the schema could hold, with the same results: int2/int4/oid and their arrays are numbers,
 * int8 stays a string, float4/float8 are numbers, bool, json/jsonb (and arrays) are parsed,
 * text-like arrays are string arrays, point and circle are objects.
 *
 * Two differences, both deliberate:
 * - Dates, timestamps and intervals (and their arrays) stay raw text. The official registry
 *   makes them Date objects until drizzle's neon-http driver is constructed, which sets them to
 *   raw text (NeonHttpDriver.initMappers); here they start out as drizzle leaves them. drizzle
 *   still sets them, through `setTypeParser`, on this registry.
 * - bytea is a Uint8Array rather than the official driver's bundled Buffer polyfill (a
 *   Uint8Array subclass); nothing in the schema is bytea.
 * Any other OID (numeric, text, uuid, …) is the text as it came.
 */
import { parse as parseArray } from "postgres-array";

type Parser = (value: string) => unknown;
type Format = "text" | "binary";

const parseBool = (value: string) =>
  value === "TRUE" ||
  value === "t" ||
  value === "true" ||
  value === "y" ||
  value === "yes" ||
  value === "on" ||
  value === "1";
const parseInteger = (value: string) => Number.parseInt(value, 10);
/** int8 is kept as its digits: a JavaScript number cannot hold every int8. */
const parseBigInteger = (value: string) => value;
const parseJson = (value: string): unknown => JSON.parse(value);

/** A Postgres array literal with `element` applied to each non-null entry; '' (never sent) is null. */
const arrayOf =
  (element?: Parser, trim = false): Parser =>
  (value) =>
    value
      ? parseArray(value, trim ? (entry) => String(element ? element(entry) : entry).trim() : (element ?? String))
      : null;

function parsePoint(value: string): { x: number; y: number } | null {
  if (value[0] !== "(") return null;
  const [x = "", y = ""] = value.substring(1, value.length - 1).split(",");
  return { x: Number.parseFloat(x), y: Number.parseFloat(y) };
}

/** `<(x,y),r>` → { x, y, radius }, by pg-types' reading of it. */
function parseCircle(value: string): { x: number; y: number; radius: number } | null {
  if (value[0] !== "<" && value[1] !== "(") return null;
  let point = "(";
  let radius = "";
  let pointDone = false;
  for (let i = 2; i < value.length - 1; i++) {
    if (!pointDone) point += value[i];
    if (value[i] === ")") {
      pointDone = true;
      continue;
    }
    if (!pointDone) continue;
    if (value[i] !== ",") radius += value[i];
  }
  const circle = parsePoint(point) as { x: number; y: number; radius: number };
  circle.radius = Number.parseFloat(radius);
  return circle;
}

/** bytea's hex output (`\x0aff`, Postgres's default) or its older escape output. */
function parseBytea(value: string): Uint8Array {
  if (/^\\x/.test(value)) {
    const hex = value.slice(2);
    const bytes = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.substr(i * 2, 2), 16);
    return bytes;
  }
  const bytes: number[] = [];
  for (let i = 0; i < value.length; ) {
    if (value[i] !== "\\") {
      bytes.push(value.charCodeAt(i++) & 0xff);
    } else if (/[0-7]{3}/.test(value.substr(i + 1, 3))) {
      bytes.push(Number.parseInt(value.substr(i + 1, 3), 8));
      i += 4;
    } else {
      let backslashes = 1;
      while (i + backslashes < value.length && value[i + backslashes] === "\\") backslashes++;
      for (let k = 0; k < Math.floor(backslashes / 2); k++) bytes.push(0x5c);
      i += Math.floor(backslashes / 2) * 2;
    }
  }
  return Uint8Array.from(bytes);
}

const raw: Parser = (value) => value;
const floats = arrayOf(Number.parseFloat);
const strings = arrayOf();
const integers = arrayOf(parseInteger);
const jsons = arrayOf(parseJson);

const text = new Map<number, Parser>([
  [20, parseBigInteger],
  [21, parseInteger],
  [23, parseInteger],
  [26, parseInteger],
  [700, Number.parseFloat],
  [701, Number.parseFloat],
  [16, parseBool],
  [600, parsePoint],
  [718, parseCircle],
  [1000, arrayOf(parseBool)],
  [1001, arrayOf(parseBytea)],
  [1005, integers],
  [1007, integers],
  [1028, integers],
  [1016, arrayOf(parseBigInteger, true)],
  [1017, arrayOf(parsePoint)],
  [1021, floats],
  [1022, floats],
  [17, parseBytea],
  [114, parseJson],
  [3802, parseJson],
  [199, jsons],
  [3807, jsons],
  // As drizzle's neon-http driver sets them: date, timestamp, timestamptz, interval, numeric[]
  // and their arrays stay text.
  [1082, raw],
  [1114, raw],
  [1184, raw],
  [1186, raw],
  [1231, raw],
  [1115, raw],
  [1182, raw],
  [1185, raw],
  [1187, raw],
]);
for (const oid of [651, 1014, 1015, 1008, 1009, 1040, 1041, 3907, 2951, 791, 1183, 1270]) text.set(oid, strings);
const binary = new Map<number, Parser>();

/** pg-types' text fallback: the value as a string. */
const noParse: Parser = (value) => String(value);

/** The registry drizzle configures (`types.setTypeParser`) and every result is parsed with. */
export const types = {
  /** The OIDs drizzle's neon-http driver reads (the official package exports all of pg's). */
  builtins: { DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, INTERVAL: 1186 },
  getTypeParser(oid: number, format: Format = "text"): Parser {
    return (format === "binary" ? binary : text).get(oid) ?? noParse;
  },
  setTypeParser(oid: number, formatOrParser: Format | Parser, parser?: Parser): void {
    const [format, parse] = typeof formatOrParser === "function" ? ["text", formatOrParser] : [formatOrParser, parser];
    if (parse) (format === "binary" ? binary : text).set(oid, parse);
  },
};
