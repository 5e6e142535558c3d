// The background worker. Its jobs (transcription, extraction, emails, calendar sync,
// reminders) arrive with the worker issue; until then it only starts and stops cleanly.
console.log("worker started (no tasks registered yet)");

const keepAlive = setInterval(() => {}, 60_000);
function shutdown(signal: string) {
  console.log(`worker stopping (${signal})`);
  clearInterval(keepAlive);
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
