import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { EmailBody } from "./message-body";

afterEach(cleanup);

const html = `<!doctype html><html><head><title>x</title><script>parent.document.title = "owned"</script></head>
<body><h1>New call from Jane</h1><p>Leaking pipe &amp; flooded basement.</p>
<a href="https://app.example/calls/1">Open the call</a></body></html>`;

describe("EmailBody", () => {
  it("renders the stored HTML in a fully sandboxed frame", () => {
    render(<EmailBody html={html} subject="New call from Jane" />);
    const frame = screen.getByTitle("Email: New call from Jane") as HTMLIFrameElement;
    expect(frame.tagName).toBe("IFRAME");
    // Present and empty: every restriction applies (no scripts, no same origin, no forms, no popups).
    expect(frame.hasAttribute("sandbox")).toBe(true);
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toBe(html);
    expect(frame.hasAttribute("src")).toBe(false);
  });

  it("shows the plain-text part that was sent with it", () => {
    render(<EmailBody html={html} subject="New call from Jane" />);
    fireEvent.click(screen.getByRole("tab", { name: "Plain text" }));
    expect(screen.queryByTitle("Email: New call from Jane")).toBeNull();
    expect(screen.getByRole("tabpanel").textContent).toBe(
      "New call from Jane\nLeaking pipe & flooded basement.\n\nOpen the call: https://app.example/calls/1",
    );
  });
});
