/** A valid saved-screen record, as the pane stores it, for the saved-screen tests to vary. */
import { presetConfig } from "../../src/core/screen/criteria";

export const VALID_SAVED_SCREEN = {
  version: 1,
  id: "scr-1",
  name: "Quality small caps",
  source: { sheet: "Universe", table: "tblUniverse" },
  mapping: null,
  config: presetConfig("quality"),
  output: { sheet: "Screen" },
  savedAt: "2026-11-28T09:30:00.000Z",
};
