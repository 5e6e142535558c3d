/**
 * The JSONL contract of `pnpm flynn extract` and the eval: one call record in, one
 * extraction out, in the same order.
 */
import { type ExtractionResult, extractionInputSchema, industryTypeSchema } from "@flynn/domain";
import { z } from "zod";
import type { Extractor } from "./extractor";

export const callRecordSchema = z.object({
  id: z.string(),
  transcript: z.string(),
  call_started_at: z.string(),
  timezone: z.string(),
  industry: industryTypeSchema,
  caller_number: z.string().optional(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export type ExtractionLine = { id: string } & ExtractionResult;

/** Parses JSONL call records; a bad line throws an error naming its line number and problem. */
export function parseCallRecords(jsonl: string): CallRecord[] {
  const records: CallRecord[] = [];
  jsonl.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1}: not JSON`);
    }
    const parsed = callRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`line ${index + 1}: ${issue?.path.join(".") || "record"} ${issue?.message}`);
    }
    records.push(parsed.data);
  });
  return records;
}

export async function extractRecords(extractor: Extractor, records: CallRecord[]): Promise<ExtractionLine[]> {
  const lines: ExtractionLine[] = [];
  for (const record of records) {
    const input = extractionInputSchema.parse({
      transcript: record.transcript,
      callStartedAt: record.call_started_at,
      timezone: record.timezone,
      industry: record.industry,
      ...(record.caller_number ? { callerNumber: record.caller_number } : {}),
    });
    lines.push({ id: record.id, ...(await extractor.extract(input)) });
  }
  return lines;
}
