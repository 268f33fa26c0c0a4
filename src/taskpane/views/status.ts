/** The status line and the progress bar under the form. */
import { el } from "../dom";
import { describeError } from "../../workbook/screens";
import type { ProgressStep } from "../../workbook/workbook";

export type StatusKind = "info" | "error" | "success";

export type StatusLine = ReturnType<typeof statusLine>;

export function statusLine() {
  const bar = el("progress", { id: "progress", attrs: { max: "1", value: "0", "aria-label": "Progress", hidden: "" } });
  const line = el("p", { id: "status", className: "status", attrs: { role: "status", "aria-live": "polite" } });

  function say(message: string, kind: StatusKind = "info"): void {
    line.textContent = message;
    line.classList.toggle("error", kind === "error");
    line.classList.toggle("success", kind === "success");
  }

  function failed(error: unknown): void {
    say(describeError(error), "error");
  }

  return {
    element: el("div", { className: "progress-area" }, [bar, line]),
    say,
    /** Shows a step of a run: the bar (indeterminate without a fraction) and its words. */
    progress(step: ProgressStep): void {
      bar.hidden = false;
      if (step.fraction === undefined) bar.removeAttribute("value");
      else bar.value = step.fraction;
      say(step.message);
    },
    /** Hides the bar once nothing runs. */
    idle(): void {
      bar.hidden = true;
    },
    /** Runs a host call; a failure becomes the status line. */
    async guarded<T>(action: () => Promise<T>): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false }> {
      try {
        return { ok: true, value: await action() };
      } catch (error) {
        failed(error);
        return { ok: false };
      }
    },
    /** An error, in the analyst's words. */
    failed,
  };
}
