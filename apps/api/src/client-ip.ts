import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

function normalize(address: string | undefined | null): string | null {
  if (!address) return null;
  const trimmed = address.trim();
  const unmapped = trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped : null;
}

/**
 * The client's IP: the socket's peer, or, behind a trusted proxy, the first address of
 * X-Forwarded-For. Null when unknown (e.g. in-process test requests).
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0];
    const ip = normalize(forwarded);
    if (ip) return ip;
  }
  try {
    return normalize(getConnInfo(c).remote.address);
  } catch {
    return null;
  }
}
