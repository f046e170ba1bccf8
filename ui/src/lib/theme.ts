/**
 * The app's theme: light, dark, or the system's (the default). The choice is
 * this computer's, not the register's (a team shares one register, not one
 * taste), so it is kept in the web view's own storage; the resolved theme is
 * `data-theme` on <html>, which app.css reads. "system" follows a change of
 * the system's setting while the app runs.
 */

export type ThemeChoice = "light" | "dark" | "system";

export const THEME_CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

const KEY = "tend.theme";

/** The choice kept on this computer ("system" when none, or unreadable). */
export function savedTheme(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): ThemeChoice {
  try {
    const value = storage?.getItem(KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

/** "light" or "dark": the choice, or the system's when it is "system". */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): "light" | "dark" {
  if (choice === "system") return systemDark ? "dark" : "light";
  return choice;
}

let stopFollowing: (() => void) | null = null;

/** Shows `choice` now, and keeps following the system while it is "system". */
export function applyTheme(choice: ThemeChoice): void {
  stopFollowing?.();
  stopFollowing = null;
  const media = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
  const show = () => {
    document.documentElement.dataset.theme = resolveTheme(choice, media?.matches ?? false);
  };
  show();
  if (choice === "system" && media) {
    media.addEventListener("change", show);
    stopFollowing = () => media.removeEventListener("change", show);
  }
}

/** Keeps `choice` on this computer and shows it. */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    globalThis.localStorage?.setItem(KEY, choice);
  } catch {
    // Storage refused: the theme still applies for this run.
  }
  applyTheme(choice);
}
