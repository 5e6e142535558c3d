/** The owner and the business: name, company, industry, time zone, the phone calls are forwarded to. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { BusinessFields, readBusinessFields } from "../../components/business-fields";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { ErrorState, SkeletonRows } from "../../components/feedback";
import { TextField } from "../../components/field";
import { fieldErrors } from "../../lib/errors";
import { useProfile } from "../../lib/profile";
import { toast } from "../../lib/toast";
import { trpc } from "../../lib/trpc";

export function ProfileTab() {
  const profile = useProfile();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.profile.update.mutationOptions({
      meta: { quiet: true },
      onSuccess: async (saved) => {
        const industryChanged = saved.industryType !== profile.data?.industryType;
        queryClient.setQueryData(trpc.profile.get.queryKey(), saved);
        toast.success("Profile saved");
        // Another industry has its own configuration and templates.
        if (industryChanged) {
          await queryClient.invalidateQueries({ queryKey: trpc.industry.effective.queryKey() });
        }
      },
    }),
  );
  if (profile.isPending) return <SkeletonRows rows={6} className="h-14" />;
  if (profile.error) return <ErrorState error={profile.error} onRetry={() => profile.refetch()} />;
  const { data } = profile;
  const errors = fieldErrors(save.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fullName = String(form.get("fullName")).trim();
    save.mutate({ ...readBusinessFields(form), fullName: fullName || null });
  };

  return (
    <Card title="Profile">
      <form className="max-w-lg space-y-4" onSubmit={onSubmit}>
        <TextField
          label="Sign-in email"
          value={data.email}
          readOnly
          disabled
          hint="Used to sign in; it cannot be changed here."
        />
        <TextField
          label="Your name"
          name="fullName"
          autoComplete="name"
          defaultValue={data.fullName ?? ""}
          error={errors.fullName?.[0]}
        />
        <BusinessFields
          defaults={{
            companyName: data.companyName ?? "",
            industryType: data.industryType ?? "other",
            timezone: data.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
            phoneNumber: data.phoneNumber ?? "",
          }}
          errors={errors}
          industryHint="Each industry has its own configuration: switching shows that industry's settings, and yours for this one are kept."
        />
        {save.error && Object.keys(errors).length === 0 ? <ErrorState error={save.error} /> : null}
        <Button type="submit" busy={save.isPending}>
          Save profile
        </Button>
      </form>
    </Card>
  );
}
