/** Runs once when the server starts (Node.js runtime): the peer-address stamp, bootstrap admin and graceful shutdown. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // before any request is read: route handlers learn the connecting address from it (lib/server/client-address.ts)
  const { installPeerStamp } = await import("./lib/server/peer-address");
  await installPeerStamp();
  const { onServerStart } = await import("./lib/server/startup");
  await onServerStart();
}
