import pino from "pino";

/**
 * Structured JSON logs. Lines carry a request id, method, path and status, never bodies,
 * headers, cookies or query strings (they can hold PII); the redaction list is a second guard.
 */
export function createLogger(level: string) {
  // Buffered, asynchronous writes: a synchronous write per request line cost a third of the
  // API's CPU under load. server.ts flushes the buffer on shutdown.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return pino(
    {
      level,
      base: { service: "api" },
      redact: {
        paths: ["*.password", "*.token", "*.cookie", "*.authorization", "*.secret", "*.email", "*.phone", "headers"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export type Logger = pino.Logger;
