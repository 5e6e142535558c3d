// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { aiProcessingStatusSchema, callStatusSchema, urgencyLevelSchema } from "./enums";
import { listInputSchema } from "./pagination";

export const callListInputSchema = listInputSchema({
  callStatus: z.array(callStatusSchema).optional(),
  aiProcessingStatus: z.array(aiProcessingStatusSchema).optional(),
  urgencyLevel: z.array(urgencyLevelSchema).optional(),
  /** Part of the caller's number or name, the topic or the summary, any case. */
  search: z.string().trim().max(100).optional(),
});
export type CallListInput = z.output<typeof callListInputSchema>;

export const callByIdInputSchema = z.object({ id: uuidSchema });
export type CallByIdInput = z.output<typeof callByIdInputSchema>;

/** How many characters of a summary a list row carries; the full text is in `byId`. */
export const CALL_LIST_SUMMARY_LENGTH = 280;
