/**
 * Development only: the "Simulate a call" button. It renders nothing where the server cannot
 * simulate calls (`phoneNumbers.capabilities`), i.e. in production. The dialog it opens (its
 * form and the sample transcripts, in ./simulate-call-dialog) is loaded when first wanted, or
 * as the pointer or focus reaches the button, so no page's first load carries it.
 */
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { trpc } from "../lib/trpc";
import { Button, type ButtonProps } from "./button";

const loadDialog = () => import("./simulate-call-dialog");
const SimulateCallDialog = lazy(() => loadDialog().then((module) => ({ default: module.SimulateCallDialog })));

/** Whether this server simulates calls; the answer does not change while it runs. */
export function useCanSimulateCalls(): boolean {
  const capabilities = useQuery(trpc.phoneNumbers.capabilities.queryOptions(undefined, { staleTime: Infinity }));
  return capabilities.data?.simulateCalls ?? false;
}

export function SimulateCallButton({
  variant = "secondary",
  size = "sm",
  className,
}: Pick<ButtonProps, "variant" | "size" | "className">) {
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so the native dialog closes itself and gives focus back.
  const [wanted, setWanted] = useState(false);
  if (!useCanSimulateCalls()) return null;
  const warmUp = () => void loadDialog().catch(() => {});
  return (
    <>
      <Button
        variant={variant}
        size={size}
        className={className}
        onPointerEnter={warmUp}
        onFocus={warmUp}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        Simulate a call
      </Button>
      {wanted ? (
        <Suspense fallback={null}>
          <SimulateCallDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
