import { PageHeader } from "../components/card";
import { SkeletonRows } from "../components/feedback";

/** Placeholder while this page is being built. */
export function EventsPage() {
  return (
    <>
      <PageHeader title="Events" />
      <SkeletonRows />
    </>
  );
}
