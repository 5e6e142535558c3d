/**
 * Email templates: the user's own and Flynn's defaults. Defaults are read-only; "Customize"
 * makes an own copy to edit. The owner's call overview uses the user's own template whose
 * industry is the business's and whose event type is the call's first event's, else the
 * default for that event type.
 */
import type { AppRouter } from "@flynn/api";
import { sameJson } from "@flynn/domain";
import { EVENT_TYPES, type EventType, INDUSTRY_TYPES, type IndustryType } from "@flynn/domain/enums";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { Dialog } from "../../components/dialog";
import { EmptyState, ErrorState, SkeletonRows } from "../../components/feedback";
import { SelectField, TextField } from "../../components/field";
import { fieldErrors } from "../../lib/errors";
import { humanize } from "../../lib/format";
import { useProfile } from "../../lib/profile";
import { toast } from "../../lib/toast";
import { trpc } from "../../lib/trpc";
import {
  declaredFallbacks,
  FallbackValues,
  TemplatePreview,
  type TemplateText,
  TemplateTextFields,
} from "./template-editor";

type Template = inferRouterOutputs<AppRouter>["templates"]["list"][number];

const EVENT_TYPE_OPTIONS = [
  { value: "", label: "Any event type" },
  ...EVENT_TYPES.map((value) => ({ value, label: humanize(value) })),
];
const INDUSTRY_OPTIONS = [
  { value: "", label: "Any industry" },
  ...INDUSTRY_TYPES.map((value) => ({ value, label: humanize(value) })),
];

export function TemplatesTab() {
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [selectedId, setSelectedId] = useState<string | null>(null);

  if (templates.isPending) {
    return (
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <SkeletonRows rows={8} className="h-10" />
        <SkeletonRows rows={1} className="h-[32rem]" />
      </div>
    );
  }
  if (templates.error) return <ErrorState error={templates.error} onRetry={() => templates.refetch()} />;
  if (templates.data.length === 0) {
    return (
      <EmptyState title="No templates yet">
        Flynn's default templates appear here once the database is set up.
      </EmptyState>
    );
  }
  const selected = templates.data.find((t) => t.id === selectedId) ?? (templates.data[0] as Template);
  const own = templates.data.filter((t) => t.scope === "own");
  const defaults = templates.data.filter((t) => t.scope === "default");

  return (
    <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <nav aria-label="Templates" className="space-y-4">
        <TemplateList title="Your templates" templates={own} selectedId={selected.id} onSelect={setSelectedId}>
          <p className="px-3 py-2 text-xs text-slate-500">None yet. Pick a Flynn default and choose Customize.</p>
        </TemplateList>
        <TemplateList title="Flynn defaults" templates={defaults} selectedId={selected.id} onSelect={setSelectedId} />
      </nav>
      <TemplateDetail key={selected.id} template={selected} onSelect={setSelectedId} />
    </div>
  );
}

function TemplateList({
  title,
  templates,
  selectedId,
  onSelect,
  children,
}: {
  title: string;
  templates: Template[];
  selectedId: string;
  onSelect: (id: string) => void;
  children?: React.ReactNode;
}) {
  return (
    <div>
      <h2 className="mb-1 px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      {templates.length === 0 ? (
        children
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md bg-white ring-1 ring-slate-200">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                aria-current={t.id === selectedId ? "true" : undefined}
                onClick={() => onSelect(t.id)}
                className={`block w-full px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                  t.id === selectedId ? "bg-indigo-50 text-indigo-800" : "text-slate-800 hover:bg-slate-50"
                }`}
              >
                <span className="block truncate font-medium">{t.templateName}</span>
                <span className="block truncate text-xs text-slate-500">
                  {t.eventType ? humanize(t.eventType) : "Any event type"} ·{" "}
                  {t.industryType ? humanize(t.industryType) : "any industry"}
                  {t.isActive === false ? " · inactive" : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** When Flynn sends this template on its own, in words; null when it never does. */
function usedFor(template: Template, industry: IndustryType | null): string | null {
  if (!template.eventType || template.isActive === false) return null;
  const eventType = humanize(template.eventType).toLowerCase();
  if (template.scope === "default") {
    return template.industryType ? null : `Flynn's call overview for ${eventType} events, unless you customise it.`;
  }
  if (template.industryType !== industry) return null;
  return `Your call overview email for ${eventType} events.`;
}

function TemplateDetail({ template, onSelect }: { template: Template; onSelect: (id: string) => void }) {
  const queryClient = useQueryClient();
  const profile = useProfile();
  const industry = profile.data?.industryType ?? null;
  const readOnly = template.scope === "default";
  const stored: TemplateText = { subject: template.subjectTemplate, body: template.bodyTemplate };
  const [text, setText] = useState(stored);
  const [name, setName] = useState(template.templateName);
  const [eventType, setEventType] = useState(template.eventType ?? "");
  const [industryType, setIndustryType] = useState(template.industryType ?? "");
  const [isActive, setIsActive] = useState(template.isActive !== false);
  // Every fallback typed, also for placeholders the text no longer uses: one put back gets its value back.
  const [fallbacks, setFallbacks] = useState<Record<string, unknown>>(template.variables ?? {});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const listKey = trpc.templates.list.queryKey();

  const save = useMutation(
    trpc.templates.update.mutationOptions({
      meta: { quiet: true },
      onSuccess: async (saved) => {
        toast.success(`“${saved.templateName}” saved`);
        // The preview of the stored text (no draft) was cached with the text as it was before:
        // dropped rather than shown again until it refetches, so the draft's preview (the same
        // text) stays up meanwhile.
        queryClient.removeQueries({ queryKey: trpc.templates.preview.queryKey({ templateId: saved.id }), exact: true });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: listKey }),
          queryClient.invalidateQueries({ queryKey: trpc.templates.byId.queryKey({ id: saved.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.templates.preview.pathKey() }),
        ]);
      },
    }),
  );
  const customize = useMutation(
    trpc.templates.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: listKey });
        onSelect(created.id);
        toast.success(`Your copy of “${template.templateName}” is ready to edit`);
      },
    }),
  );
  const remove = useMutation(
    trpc.templates.delete.mutationOptions({
      onSuccess: async () => {
        setConfirmDelete(false);
        toast.success(`“${template.templateName}” deleted`);
        await queryClient.invalidateQueries({ queryKey: listKey });
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const storedFallbacks = declaredFallbacks(stored, template.variables);
  const draftFallbacks = declaredFallbacks(text, fallbacks);
  const fallbackErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path.startsWith("variables."))
      .map(([path, messages]) => [path.slice("variables.".length), messages.join(", ")]),
  );
  const changed =
    !sameJson(draftFallbacks, storedFallbacks) ||
    text.subject !== stored.subject ||
    text.body !== stored.body ||
    name !== template.templateName ||
    eventType !== (template.eventType ?? "") ||
    industryType !== (template.industryType ?? "") ||
    isActive !== (template.isActive !== false);
  const note = usedFor(template, industry);

  const onCustomize = () =>
    customize.mutate({
      templateName: template.templateName,
      subjectTemplate: template.subjectTemplate,
      bodyTemplate: template.bodyTemplate,
      // Stored as text; the values came from the same lists.
      eventType: template.eventType as EventType | null,
      // Flynn sends an own template only for the business's industry.
      industryType: (template.industryType ?? industry) as IndustryType | null,
      variables: storedFallbacks,
      isActive: true,
    });

  const onSave = () =>
    save.mutate({
      id: template.id,
      templateName: name,
      subjectTemplate: text.subject,
      bodyTemplate: text.body,
      eventType: (eventType || null) as EventType | null,
      industryType: (industryType || null) as IndustryType | null,
      variables: draftFallbacks,
      isActive,
    });

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {template.templateName}
          <Badge tone={readOnly ? "grey" : "blue"}>{readOnly ? "Flynn default" : "Yours"}</Badge>
          {template.isActive === false ? <Badge tone="amber">Inactive</Badge> : null}
        </span>
      }
      actions={
        readOnly ? (
          // The copy is made for the business's industry: wait until it is known.
          <Button size="sm" onClick={onCustomize} busy={customize.isPending} disabled={profile.isPending}>
            Customize
          </Button>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        )
      }
    >
      {note ? <p className="mb-4 text-sm text-slate-600">{note}</p> : null}
      {readOnly ? (
        <p className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          Flynn's defaults cannot be changed. Choose Customize to make your own copy and edit it.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <div className="space-y-4">
          {readOnly ? null : (
            <>
              <TextField
                label="Name"
                value={name}
                maxLength={200}
                onChange={(event) => setName(event.target.value)}
                error={errors.templateName?.[0]}
              />
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <SelectField
                  label="Event type"
                  options={EVENT_TYPE_OPTIONS}
                  value={eventType}
                  onChange={(event) => setEventType(event.target.value)}
                  error={errors.eventType?.[0]}
                />
                <SelectField
                  label="Industry"
                  options={INDUSTRY_OPTIONS}
                  value={industryType}
                  onChange={(event) => setIndustryType(event.target.value)}
                  error={errors.industryType?.[0]}
                />
              </div>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  checked={isActive}
                  onChange={(event) => setIsActive(event.target.checked)}
                />
                Active (Flynn may send it)
              </label>
            </>
          )}
          <TemplateTextFields
            value={text}
            onChange={setText}
            readOnly={readOnly}
            errors={{ subject: errors.subjectTemplate?.[0], body: errors.bodyTemplate?.[0] }}
          />
          <FallbackValues
            value={draftFallbacks}
            onChange={(name, fallback) => setFallbacks((current) => ({ ...current, [name]: fallback }))}
            errors={fallbackErrors}
            readOnly={readOnly}
          />
          {save.error && Object.keys(errors).length === 0 ? <ErrorState error={save.error} /> : null}
          {readOnly ? null : (
            <div className="flex flex-wrap gap-2">
              <Button onClick={onSave} busy={save.isPending} disabled={!changed}>
                Save template
              </Button>
              <Button
                variant="ghost"
                disabled={!changed || save.isPending}
                onClick={() => {
                  setText(stored);
                  setName(template.templateName);
                  setEventType(template.eventType ?? "");
                  setIndustryType(template.industryType ?? "");
                  setIsActive(template.isActive !== false);
                  setFallbacks(template.variables ?? {});
                  save.reset();
                }}
              >
                Discard changes
              </Button>
            </div>
          )}
        </div>
        <TemplatePreview
          templateId={template.id}
          stored={{ ...stored, variables: storedFallbacks }}
          text={{ ...text, variables: draftFallbacks }}
        />
      </div>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this template?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ id: template.id })}>
              Delete
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">
          “{template.templateName}” will be deleted. Flynn goes back to its default template for these emails.
        </p>
      </Dialog>
    </Card>
  );
}
