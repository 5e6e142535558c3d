/** Test helpers of the settings tabs (the tRPC answers themselves: src/testing/render.tsx). */

/** `answer`, recording each input it is given in `calls`. */
export function recorded<I, O>(calls: unknown[], answer: (input: I) => O): (input: I) => O {
  return (input) => {
    calls.push(input);
    return answer(input);
  };
}

/** jsdom has no modal dialogs: opening one shows it, closing hides it and says so. */
export function polyfillDialogs() {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
