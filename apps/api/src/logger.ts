import pino from "pino";

/**
 * Structured JSON logs. Lines carry a request id, method, path and status, never bodies,
 * headers, cookies or query strings (they can hold PII); the redaction list is a second guard.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "api" },
    redact: {
      paths: ["*.password", "*.token", "*.cookie", "*.authorization", "*.secret", "*.email", "*.phone", "headers"],
      censor: "[redacted]",
    },
  });
}

export type Logger = pino.Logger;
