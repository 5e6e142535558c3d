import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  getTemplatePreviewSource,
  listTemplates,
  updateTemplate,
} from "@flynn/db/queries/templates";
import {
  renderTemplatePreview,
  templateCreateSchema,
  templateIdSchema,
  templateListSchema,
  templatePreviewSchema,
  templateUpdateSchema,
} from "@flynn/domain";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const templatesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(templateListSchema)
    .query(({ ctx, input }) => listTemplates(ctx.db, ctx.userId, input)),

  byId: protectedProcedure
    .input(templateIdSchema)
    .query(async ({ ctx, input }) => found(await getTemplate(ctx.db, ctx.userId, input.id))),

  create: protectedProcedure
    .input(templateCreateSchema)
    .mutation(async ({ ctx, input }) => found(await createTemplate(ctx.db, ctx.userId, input))),

  update: protectedProcedure
    .input(templateUpdateSchema)
    .mutation(async ({ ctx, input }) => found(await updateTemplate(ctx.db, ctx.userId, input))),

  delete: protectedProcedure
    .input(templateIdSchema)
    .mutation(async ({ ctx, input }) => found(await deleteTemplate(ctx.db, ctx.userId, input.id))),

  /**
   * The template (or the editor's unsaved `draft` of it, with the stored fallbacks unless the
   * draft has its own) rendered with an event's real data, or with a sample call:
   * `{ subject, body, missing }`.
   */
  preview: protectedProcedure.input(templatePreviewSchema).query(async ({ ctx, input }) => {
    const source = found(await getTemplatePreviewSource(ctx.db, ctx.keyring, ctx.userId, input));
    const { draft } = input;
    const template = draft
      ? {
          ...source.template,
          ...draft,
          variables: draft.variables === undefined ? source.template.variables : draft.variables,
        }
      : source.template;
    return renderTemplatePreview({ ...source, template }, new Date());
  }),
});
