/**
 * Debian's Chromium for the browser tests (installed by .ci/run): where it is, and the flags
 * this machine needs (TOOLCHAIN.md): headless, no sandbox as root, and no background
 * networking, whose connections the closed network refuses.
 */
import { existsSync } from "fs";

export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);
