/**
 * The register's date format (Settings → date format), shared by every
 * date field and date shown: read at start-up and when the settings are
 * saved. ISO until then.
 */
import { dateFormat, type DateFormat } from "./dates";

export const dateDisplay = $state<{ format: DateFormat }>({ format: "YYYY-MM-DD" });

/** Takes the format from the register's settings. */
export function useDateFormat(setting: string | null | undefined): void {
  dateDisplay.format = dateFormat(setting);
}
