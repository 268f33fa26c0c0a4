/**
 * Colours: the CSS follows `prefers-color-scheme`; inside Office the pane follows Office's own
 * theme (`Office.context.officeTheme`, e.g. Black or Dark Gray) when the host reports one.
 * Colours are set as CSS custom properties through the CSSOM, which the pane's CSP allows.
 */

interface OfficeTheme {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
  readonly controlBackgroundColor?: string;
  readonly controlForegroundColor?: string;
}

/** Relative luminance of `#rrggbb` (WCAG), or undefined for anything else. */
export function luminance(hex: string): number | undefined {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (match === null) return undefined;
  const channel = (i: number) => {
    const c = parseInt(match[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function officeTheme(): OfficeTheme | undefined {
  const office = (globalThis as { Office?: { context?: { officeTheme?: OfficeTheme } } }).Office;
  try {
    return office?.context?.officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}

/** Applies Office's theme when there is one; otherwise leaves the CSS's light/dark choice. */
export function applyOfficeTheme(root: HTMLElement = document.documentElement): void {
  const theme = officeTheme();
  if (theme === undefined || theme.bodyBackgroundColor === undefined) return;
  const background = theme.bodyBackgroundColor;
  const dark = (luminance(background) ?? 1) < 0.2;
  root.classList.toggle("theme-dark", dark);
  root.classList.toggle("theme-light", !dark);
  root.classList.add("theme-office");
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && luminance(value) !== undefined) root.style.setProperty(name, value);
  };
  set("--bg", background);
  set("--fg", theme.bodyForegroundColor);
  set("--control-bg", theme.controlBackgroundColor);
  set("--control-fg", theme.controlForegroundColor);
}
