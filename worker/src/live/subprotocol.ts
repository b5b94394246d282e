/**
 * Browsers cannot set Authorization on a WebSocket, so the live socket's
 * token travels in Sec-WebSocket-Protocol as two values, `bearer` and the
 * JWT (never in the URL, which logs keep). The server answers `bearer`, as a
 * browser requires one of the offered values back.
 */

export const BEARER_PROTOCOL = "bearer";

/** The JWT offered as `Sec-WebSocket-Protocol: bearer, <jwt>`; undefined when the header offers no `bearer`. */
export function tokenFromSubprotocols(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const values = header.split(",").map((value) => value.trim());
  if (values[0] !== BEARER_PROTOCOL) return undefined;
  // `bearer` alone, or with more than one value after it, is a malformed credential: "" fails verification.
  return values.length === 2 ? (values[1] ?? "") : "";
}

/** Whether the request asks for a WebSocket (RFC 6455 §4.1: the Upgrade value is case-insensitive). */
export function isWebSocketUpgrade(request: Request): boolean {
  return request.method === "GET" && request.headers.get("upgrade")?.toLowerCase() === "websocket";
}
