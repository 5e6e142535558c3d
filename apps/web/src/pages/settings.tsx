/**
 * Settings, one tab each: profile, industry configuration, email templates, phone numbers
 * and calendar integrations. The tab is in the URL (`/settings?tab=templates`) so it can be
 * linked to. The industry and template editors load on demand: they bring the input schemas
 * the other tabs do not need.
 */
import { getRouteApi } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { PageHeader } from "../components/card";
import { SkeletonRows } from "../components/feedback";
import { Tabs } from "../components/tabs";
import { CalendarsTab } from "./settings/calendars-tab";
import { PhoneNumbersTab } from "./settings/phone-numbers-tab";
import { ProfileTab } from "./settings/profile-tab";

const IndustryTab = lazy(() => import("./settings/industry-tab").then((m) => ({ default: m.IndustryTab })));
const TemplatesTab = lazy(() => import("./settings/templates-tab").then((m) => ({ default: m.TemplatesTab })));

const TABS = [
  { value: "profile", label: "Profile" },
  { value: "industry", label: "Industry" },
  { value: "templates", label: "Email templates" },
  { value: "phone-numbers", label: "Phone numbers" },
  { value: "calendars", label: "Calendars" },
] as const;
type Tab = (typeof TABS)[number]["value"];

const route = getRouteApi("/signed-in/app/settings");

function isTab(value: string | undefined): value is Tab {
  return TABS.some((tab) => tab.value === value);
}

export function SettingsPage() {
  const { tab: requested, ...arrival } = route.useSearch();
  const navigate = route.useNavigate();
  const tab: Tab = isTab(requested) ? requested : "profile";
  const label = TABS.find((t) => t.value === tab)?.label;
  return (
    <>
      <PageHeader title="Settings" />
      <Tabs
        label="Settings"
        tabs={TABS}
        selected={tab}
        onSelect={(next) => navigate({ search: { tab: next }, replace: true })}
      />
      <div role="tabpanel" aria-label={label} className="mt-6">
        <Suspense fallback={<SkeletonRows rows={4} className="h-32" />}>
          {tab === "profile" ? <ProfileTab /> : null}
          {tab === "industry" ? <IndustryTab /> : null}
          {tab === "templates" ? <TemplatesTab /> : null}
          {tab === "phone-numbers" ? <PhoneNumbersTab /> : null}
          {tab === "calendars" ? (
            <CalendarsTab
              arrival={arrival}
              onArrivalShown={() => navigate({ search: { tab: "calendars" }, replace: true })}
            />
          ) : null}
        </Suspense>
      </div>
    </>
  );
}
