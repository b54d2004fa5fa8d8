/** Runs once when the server starts (Node.js runtime): bootstrap admin and graceful shutdown. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onServerStart } = await import("./lib/server/startup");
  await onServerStart();
}
