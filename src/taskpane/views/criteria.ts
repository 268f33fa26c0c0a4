/**
 * Screen: the preset, the rate shock, the zombie window, the interest reading, each criterion's
 * switch and threshold (labelled in the engine's words, checked by the engine's checkSetting),
 * and the results sheet's name.
 */
import { checkSetting, criterionDef, describeContext } from "../../core/screen";
import type { CriterionId, PresetId, SavedScreen } from "../../core/screen";
import { el, field, options, replaceChildren, section } from "../dom";
import { choosePreset, setConfig, setInterestByMagnitude, setNumberSetting, setOutput, updateCriterion, type PaneState } from "./state";
import { defaultOutputSheet, outputSheetProblem } from "../../workbook/sheets";

export const PRESETS: readonly { readonly id: PresetId; readonly label: string; readonly hint: string }[] = [
  { id: "quality", label: "Quality", hint: "The framework's seven quality tests for small caps." },
  { id: "zombies", label: "Zombies", hint: "Keeps the companies whose interest cover is below the zombie line." },
  { id: "stress", label: "Rate stress", hint: "Keeps the companies whose cover survives the rate shock." },
];

export type CriteriaView = ReturnType<typeof criteriaView>;

/** `zombieYearsChanged` runs when a valid zombie window is entered (the mapping's notes name it). */
export function criteriaView(state: PaneState, zombieYearsChanged: () => void) {
  const preset = el("select", { id: "preset" });
  options(preset, PRESETS.map((p) => ({ value: p.id, label: p.label })));
  const hint = el("p", { id: "preset-hint", className: "note" });
  const shock = el("input", { id: "shock", attrs: { type: "number", step: "25", inputmode: "numeric", "aria-describedby": "shock-hint" } });
  // The zombie window: the framework's 3 fiscal periods unless the analyst sets another count.
  const zombieYears = el("input", { id: "zombie-years", attrs: { type: "number", step: "1", min: "1", inputmode: "numeric", "aria-describedby": "zombie-years-hint" } });
  // How an interest column of both signs is read: by its convention (default) or by magnitude.
  const magnitude = el("input", { id: "interest-magnitude", attrs: { type: "checkbox" } });
  const criteria = el("fieldset", { id: "criteria", className: "criteria" });
  const output = el("input", { id: "output", attrs: { type: "text", maxlength: "31", autocomplete: "off", spellcheck: "false" } });
  const outputProblem = el("p", { id: "output-problem", className: "message error", attrs: { role: "alert", hidden: "" } });
  /** Each criterion's threshold input and label, as last rendered. */
  const rows = new Map<CriterionId, { readonly threshold: HTMLInputElement; readonly label: HTMLLabelElement }>();

  preset.addEventListener("change", () => {
    choosePreset(state, preset.value as PresetId);
    showPreset();
  });
  shock.addEventListener("input", () => readNumber(shock, "shockBps", "Give the shock in basis points."));
  zombieYears.addEventListener("input", () => {
    if (readNumber(zombieYears, "zombieYears", "Give the number of fiscal periods (3 by default).")) zombieYearsChanged();
  });
  magnitude.addEventListener("change", () => setInterestByMagnitude(state, magnitude.checked));
  output.addEventListener("input", () => {
    setOutput(state, output.value, true);
    checkOutput();
  });

  /** The settings' inputs show the state's config. */
  function showConfig(): void {
    const config = state.config;
    preset.value = config.preset;
    shock.value = String(config.shockBps);
    zombieYears.value = String(describeContext(config).zombieYears);
    magnitude.checked = config.interestSign === "magnitude";
    // The values come from a valid config: a mark left by an earlier bad entry goes with it.
    markProblem(shock, null);
    markProblem(zombieYears, null);
    showPreset();
  }

  /** Marks an input not valid with the reason (the run then refuses it), or valid again (null). */
  function markProblem(input: HTMLInputElement, problem: string | null): void {
    input.setCustomValidity(problem ?? "");
    input.classList.toggle("invalid", problem !== null);
  }

  /** The preset's hint and its criteria. */
  function showPreset(): void {
    hint.textContent = PRESETS.find((p) => p.id === state.config.preset)?.hint ?? "";
    render();
  }

  /** A number setting's input: marked invalid with the reason, or its value stored in the config (true). */
  function readNumber(input: HTMLInputElement, key: "shockBps" | "zombieYears", whenEmpty: string): boolean {
    const value = Number(input.value);
    const problem = input.value.trim() === "" ? whenEmpty : checkSetting(key, value);
    markProblem(input, problem);
    if (problem !== null) return false;
    setNumberSetting(state, key, value);
    for (const setting of state.config.criteria) relabel(setting.id, setting.threshold);
    return true;
  }

  function render(): void {
    rows.clear();
    const items = state.config.criteria.map((setting) => {
      const def = criterionDef(setting.id);
      const check = el("input", { id: `on-${setting.id}`, attrs: { type: "checkbox" } });
      check.checked = setting.enabled;
      check.addEventListener("change", () => update(setting.id, { enabled: check.checked }));
      const threshold = el("input", {
        id: `thr-${setting.id}`,
        className: "threshold",
        attrs: { type: "number", step: stepFor(def.threshold.unit), "aria-label": `Threshold: ${def.threshold.meaning}`, title: def.threshold.meaning },
      });
      threshold.value = String(setting.threshold);
      threshold.disabled = !setting.enabled;
      threshold.addEventListener("input", () => {
        const value = Number(threshold.value);
        const problem = threshold.value.trim() === "" ? "Give a number." : checkSetting(setting.id, value);
        markProblem(threshold, problem);
        threshold.title = problem ?? def.threshold.meaning;
        if (problem === null) update(setting.id, { threshold: value });
      });
      const label = el("label", { id: `label-${setting.id}`, text: describe(setting.id, setting.threshold), attrs: { for: `on-${setting.id}` } });
      rows.set(setting.id, { threshold, label });
      return el("div", { className: "criterion" }, [check, label, threshold]);
    });
    replaceChildren(criteria, [el("legend", { text: "Criteria" }), ...items]);
  }

  function update(id: CriterionId, change: { enabled?: boolean; threshold?: number }): void {
    const setting = updateCriterion(state, id, change);
    const row = rows.get(id);
    if (setting === undefined || row === undefined) return;
    row.threshold.disabled = !setting.enabled;
    relabel(id, setting.threshold);
  }

  function relabel(id: CriterionId, threshold: number): void {
    const label = rows.get(id)?.label;
    if (label !== undefined) label.textContent = describe(id, threshold);
  }

  /**
   * The engine's words for a criterion at a threshold, e.g. `ICR after a +200 bp shock >= 1.5`.
   * They take the shock and the zombie window from the config and nothing from the mapping (the
   * window is the config's, or the framework's 3, whatever period columns are mapped; see
   * `describeContext`), so a mapping edit leaves them as they are.
   */
  function describe(id: CriterionId, threshold: number): string {
    return criterionDef(id).describe(threshold, describeContext(state.config));
  }

  /** Shows why the results sheet's name cannot be used; true when it can. */
  function checkOutput(): boolean {
    const problem = outputSheetProblem(state.output, state.source?.sheet);
    outputProblem.textContent = problem ?? "";
    outputProblem.hidden = problem === undefined;
    output.setAttribute("aria-invalid", problem === undefined ? "false" : "true");
    return problem === undefined;
  }

  /** The results sheet's problem in words, or undefined when it can be written. */
  function outputError(): string | undefined {
    return checkOutput() ? undefined : outputProblem.textContent ?? "Check the results sheet name.";
  }

  output.value = state.output;
  showConfig();

  return {
    element: section("Screen", "screen-heading", [
      field("Preset", preset),
      hint,
      field("Rate shock on floating-rate debt (bp)", shock),
      el("p", { id: "shock-hint", className: "note", text: "200 bp is +2.00 percentage points." }),
      field("Zombie test: fiscal periods", zombieYears),
      el("div", { className: "row" }, [
        magnitude,
        el("label", { text: "Read interest of both signs by size (default: the column's convention; the minority sign is net interest income)", attrs: { for: "interest-magnitude" } }),
      ]),
      el("p", { id: "zombie-years-hint", className: "note", text: "ICR below the line in each of the latest N fiscal periods (the framework's 3). Fewer known periods: unknown." }),
      criteria,
      field("Results sheet", output),
      outputProblem,
    ]),
    render,
    checkOutput,
    /** A saved screen's settings and results sheet in the form. */
    load(screen: SavedScreen): void {
      setConfig(state, screen.config);
      setOutput(state, screen.output.sheet, true);
      output.value = screen.output.sheet;
      showConfig();
    },
    /** Names the results sheet after a screen being saved, unless the analyst chose a name; the problem with it, if any. */
    nameOutputFor(screenName: string): string | undefined {
      if (!state.outputEdited || state.output === defaultOutputSheet()) {
        setOutput(state, defaultOutputSheet(screenName));
        output.value = state.output;
      }
      return outputError();
    },
    /** The first problem with these settings, in words (the invalid input gets the focus), or undefined. */
    problem(): string | undefined {
      // The form's first invalid input (they are all in this section), in page order.
      const invalid = criteria.form?.querySelector<HTMLInputElement>("input:invalid") ?? null;
      if (invalid !== null) {
        invalid.focus();
        return invalid.validationMessage || "A number in the form is not valid.";
      }
      if (!state.config.criteria.some((c) => c.enabled)) return "Switch on at least one criterion.";
      return outputError();
    },
  };
}

function stepFor(unit: string): string {
  if (unit === "fraction") return "0.01";
  if (unit === "years") return "0.5";
  if (unit === "ratio") return "0.1";
  return "any";
}
