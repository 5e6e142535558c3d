import { listAuditLogs } from "@flynn/db/queries/audit";
import { auditListSchema } from "@flynn/domain";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: protectedProcedure.input(auditListSchema).query(({ ctx, input }) => listAuditLogs(ctx.db, ctx.userId, input)),
});
