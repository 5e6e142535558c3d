/**
 * The body of a filtered, keyset-paged list page: skeletons of the rows' size while the first
 * page loads, the server's error, an empty state that tells "no match" (with "Clear filters")
 * from "nothing yet", the rows, and "Load more" while the server has more. Rows sit in a card
 * that is a table from 768 px (column headings on top) and stacked cards below.
 */
import type { ReactNode } from "react";
import { Button } from "./button";
import { EmptyState, ErrorState, SkeletonRows } from "./feedback";

export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  refetch: () => unknown;
}

export function PagedListBody<Row>({
  query,
  rows,
  skeletonClassName,
  filtered,
  onClearFilters,
  noMatch,
  empty,
  children,
}: {
  query: PagedQuery;
  rows: Row[];
  /** The height of one row, small screens and wide ones ("h-20 md:h-14"). */
  skeletonClassName: string;
  filtered: boolean;
  onClearFilters: () => void;
  /** What to try when the filters match nothing. */
  noMatch: { title: string; hint: string };
  /** The empty state of a list that has nothing yet, saying what fills it. */
  empty: ReactNode;
  children: (rows: Row[], dimmed: boolean) => ReactNode;
}) {
  return (
    <div className="mt-4" aria-busy={query.isFetching || undefined}>
      {query.isPending ? (
        <SkeletonRows rows={8} className={skeletonClassName} />
      ) : query.isError && rows.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title={noMatch.title}
            action={
              <Button variant="secondary" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          >
            {noMatch.hint}
          </EmptyState>
        ) : (
          empty
        )
      ) : (
        children(rows, query.isPlaceholderData)
      )}
      {query.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** The rows' card: `grid` lays out each row and the headings (shown from 768 px) alike. */
export function RowsCard({
  grid,
  headings,
  dimmed,
  children,
}: {
  grid: string;
  headings: readonly ReactNode[];
  /** The rows of the previous filters, shown until the new ones arrive. */
  dimmed: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={`overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200 transition-opacity ${dimmed ? "opacity-60" : ""}`}
    >
      <div
        aria-hidden
        className={`${grid} hidden border-b border-slate-100 px-4 py-2 text-xs font-medium text-slate-500 md:grid`}
      >
        {headings.map((heading, i) => (
          // The headings are a fixed list: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={i}>{heading}</span>
        ))}
      </div>
      <ul className="divide-y divide-slate-100">{children}</ul>
    </div>
  );
}
