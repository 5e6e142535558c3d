import { TRPCError } from "@trpc/server";

/** The row, or NOT_FOUND: a row that does not exist and one that belongs to someone else look the same. */
export function found<T>(value: T | null | undefined, what = "Not found"): T {
  if (value === null || value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: what });
  return value;
}
