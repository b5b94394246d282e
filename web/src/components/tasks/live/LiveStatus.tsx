import type { LiveStatus as Status } from "./use-live-socket.ts";

/** A small status line while the live socket is lost: changes made elsewhere will show once it is back. */
export function LiveStatus({ status }: { status: Status }) {
  return (
    <p className="live-status" role="status" data-live={status}>
      {status === "offline" ? "Offline — reconnecting…" : ""}
    </p>
  );
}
