/** What to tell the user about a failed request: the server's message, with the fields it names. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return "Something went wrong";
  const fields = fieldErrors(error);
  const named = Object.entries(fields);
  if (named.length > 0) return named.map(([field, messages]) => `${field}: ${messages.join(", ")}`).join("; ");
  if (error.message === "Failed to fetch") return "Flynn cannot be reached. Check your connection and try again.";
  return error.message || "Something went wrong";
}

/** The server's per-field messages (`{ "businessHours.monday.end": ["end must be after start"] }`). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const data = (error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data;
  return data?.fieldErrors ?? {};
}
