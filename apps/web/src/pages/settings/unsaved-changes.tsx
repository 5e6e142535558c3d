/**
 * Unsaved edits are never lost without a word: while `dirty`, leaving for another page or tab
 * of the app asks first (the router's blocker), and closing or reloading the browser tab gets
 * the browser's own "Leave site?" warning.
 */
import { sameJson } from "@flynn/domain";
import { useBlocker } from "@tanstack/react-router";
import { useEffect } from "react";
import { Button } from "../../components/button";
import { Dialog } from "../../components/dialog";

/** Browsers show their own text; cancelling the event is what asks. */
function warnBeforeUnload(event: BeforeUnloadEvent) {
  event.preventDefault();
  // Chrome and Edge before 119 ask only when returnValue is set.
  event.returnValue = "";
}

export function UnsavedChangesGuard({ dirty, what }: { dirty: boolean; what: string }) {
  const blocker = useBlocker({
    // Only a move elsewhere: re-selecting the tab already open leaves the draft on screen.
    shouldBlockFn: ({ current, next }) => current.pathname !== next.pathname || !sameJson(current.search, next.search),
    disabled: !dirty,
    // Handled below, in every kind of history (the router's covers only the browser's).
    enableBeforeUnload: false,
    withResolver: true,
  });

  useEffect(() => {
    if (!dirty) return;
    window.addEventListener("beforeunload", warnBeforeUnload);
    return () => window.removeEventListener("beforeunload", warnBeforeUnload);
  }, [dirty]);

  const stay = () => blocker.reset?.();
  return (
    <Dialog
      open={blocker.status === "blocked"}
      onClose={stay}
      title="Leave without saving?"
      footer={
        <>
          <Button variant="secondary" onClick={stay}>
            Stay and keep editing
          </Button>
          <Button variant="danger" onClick={() => blocker.proceed?.()}>
            Discard and leave
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        Your changes to {what} are not saved yet. If you leave now, they are lost.
      </p>
    </Dialog>
  );
}
