// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { listInputSchema } from "./pagination";

/** The resources the audit trigger records (its first argument on each table). */
export const AUDIT_RESOURCE_TYPES = [
  "user",
  "phone_number",
  "call",
  "event",
  "calendar_integration",
  "email_template",
  "industry_configuration",
] as const;

/** `user`: a signed-in user's request; `system`: server code (webhooks, the worker). */
export const AUDIT_ACTORS = ["user", "system"] as const;

export const auditListSchema = listInputSchema({
  /** An action (`event.updated`), or a prefix ending in a dot (`event.`) for all of a resource's. */
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+\.[a-z_]*$/, "must be an action such as event.updated, or a prefix such as event.")
    .optional(),
  resourceType: z.array(z.enum(AUDIT_RESOURCE_TYPES)).optional(),
  resourceId: uuidSchema.optional(),
  actor: z.enum(AUDIT_ACTORS).optional(),
});
export type AuditListInput = z.output<typeof auditListSchema>;
