/**
 * Saved screens: name and save the screen in the form, the list with Refresh and Remove per
 * screen, Refresh all. Running a refresh and opening a screen into the form are the
 * coordinator's (they involve the other views): the list asks for them through `SavedActions`.
 */
import type { SavedScreen } from "../../core/screen";
import { el, field, replaceChildren } from "../dom";
import type { PaneContext } from "./context";
import { PRESETS } from "./criteria";
import { hasSource, screenSpec, setSaved } from "./state";
import { removeScreen, upsertScreen } from "../../workbook/screens";
import { sourceLabel } from "../../workbook/sheets";

export interface SavedActions {
  open(screen: SavedScreen): Promise<void>;
  refresh(screen: SavedScreen): Promise<void>;
  refreshAll(): Promise<void>;
  /** Names the results sheet for a screen about to be saved; the problem with the name, if any. */
  nameOutputFor(screenName: string): string | undefined;
}

export type SavedView = ReturnType<typeof savedView>;

export function savedView(ctx: PaneContext, actions: SavedActions, now: () => Date) {
  const { state, workbook, status } = ctx;
  const name = el("input", { id: "screen-name", attrs: { type: "text", maxlength: "80", autocomplete: "off", placeholder: "e.g. UK quality" } });
  const save = el("button", { id: "save", className: "secondary", text: "Save screen", attrs: { type: "button" } });
  const refreshAll = el("button", { id: "refresh-all", className: "secondary", text: "Refresh all", attrs: { type: "button", disabled: "" } });
  const list = el("ul", { id: "saved-list", className: "saved-list" });
  const problems = el("p", { id: "saved-problems", className: "message warning", attrs: { hidden: "" } });

  name.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void saveScreen();
    }
  });
  save.addEventListener("click", () => void saveScreen());
  refreshAll.addEventListener("click", () => void actions.refreshAll());

  function render(): void {
    refreshAll.disabled = state.saved.length === 0 || state.busy;
    if (state.saved.length === 0) {
      replaceChildren(list, [el("li", { className: "empty note", text: "No saved screens yet. Run a screen, name it and save it to refresh it later." })]);
      return;
    }
    replaceChildren(
      list,
      state.saved.map((screen) => {
        const open = el("button", { className: "link", text: screen.name, attrs: { type: "button", title: "Load these settings into the form" } });
        open.addEventListener("click", () => void actions.open(screen));
        const refresh = el("button", { className: "secondary small", text: "Refresh", attrs: { type: "button", "aria-label": `Refresh ${screen.name}` } });
        refresh.addEventListener("click", () => void actions.refresh(screen));
        const remove = el("button", { className: "subtle small", text: "Remove", attrs: { type: "button", "aria-label": `Remove ${screen.name}` } });
        remove.addEventListener("click", () => void removeSaved(screen));
        const preset = PRESETS.find((p) => p.id === screen.config.preset)?.label ?? screen.config.preset;
        return el("li", { className: "saved-item", attrs: { "data-id": screen.id } }, [
          el("div", { className: "saved-main" }, [open, el("span", { className: "note", text: `${preset} · ${sourceLabel(screen.source)} → ${screen.output.sheet}` })]),
          el("div", { className: "saved-actions" }, [refresh, remove]),
        ]);
      }),
    );
  }

  /** Stores the list in the workbook, then shows it; false (and the status says why) when the write failed. */
  async function store(screens: SavedScreen[]): Promise<boolean> {
    const written = await status.guarded(() => workbook.saveSavedScreens(screens));
    if (!written.ok) return false;
    setSaved(state, screens);
    render();
    return true;
  }

  async function saveScreen(): Promise<void> {
    if (state.busy) return;
    const screenName = name.value.trim();
    if (screenName === "") {
      status.say("Give the screen a name to save it.", "error");
      name.focus();
      return;
    }
    if (!hasSource(state)) {
      status.say("Choose the data before saving a screen.", "error");
      return;
    }
    const problem = actions.nameOutputFor(screenName);
    if (problem !== undefined) {
      status.say(problem, "error");
      return;
    }
    const { screens, saved } = upsertScreen(state.saved, { name: screenName, ...screenSpec(state) }, now());
    if (await store(screens)) status.say(`Saved "${saved.name}". Refresh it any time from the list below.`, "success");
  }

  async function removeSaved(screen: SavedScreen): Promise<void> {
    if (state.busy) return;
    if (await store(removeScreen(state.saved, screen.id))) status.say(`Removed "${screen.name}". Its results sheet stays in the workbook.`);
  }

  return {
    element: el("section", { id: "saved", className: "card", attrs: { "aria-labelledby": "saved-heading" } }, [
      el("h2", { id: "saved-heading", text: "Saved screens" }),
      field("Name", name),
      el("div", { className: "row" }, [save, refreshAll]),
      list,
      problems,
    ]),
    /** Reads the saved screens from the workbook; damaged entries are named, the others listed. */
    async load(): Promise<void> {
      const read = await workbook.loadSavedScreens();
      setSaved(state, read.screens.slice());
      problems.textContent = read.problems.join(" ");
      problems.hidden = read.problems.length === 0;
      render();
    },
    /** Puts a screen's name in the name field (opening it). */
    showName(screenName: string): void {
      name.value = screenName;
    },
    setBusy(busy: boolean): void {
      save.disabled = busy;
      refreshAll.disabled = busy || state.saved.length === 0;
      for (const button of list.querySelectorAll("button")) button.disabled = busy;
    },
  };
}
