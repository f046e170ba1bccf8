/**
 * Words and numbers for the Backups page: sizes, file names, what a restore
 * undoes, and the warning shown when the start-up backup failed.
 */
import type { BackupInfo } from "./bindings/BackupInfo";
import type { RestorePreview } from "./bindings/RestorePreview";
import type { StartupBackup } from "./bindings/StartupBackup";

/** "12.3 MB", "840 kB", "512 B". */
export function sizeInWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/** The file name of a backup (what a restore names it by). */
export function fileName(backup: BackupInfo): string {
  const parts = backup.path.split(/[\\/]/);
  return parts[parts.length - 1] ?? backup.path;
}

/** "2026-12-06 08:13" from an RFC 3339 time, in the local time zone. */
export function takenInWords(takenAt: string): string {
  const at = new Date(takenAt);
  if (Number.isNaN(at.getTime())) return takenAt;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The confirmation a restore asks for: what is lost, and what is kept. */
export function restoreQuestion(preview: RestorePreview): string {
  const when = takenInWords(preview.backup.taken_at);
  const lost =
    preview.changes_lost === 0
      ? "Nothing was changed in the register since then."
      : preview.changes_lost === 1
        ? "1 change made since then will no longer be in the register."
        : `${preview.changes_lost} changes made since then will no longer be in the register.`;
  return `Restore the backup taken ${when}? ${lost} The register as it is now is backed up first, so this can be undone.`;
}

/** The warning when the start-up backup could not be made; null when it was, or was not needed. */
export function startupWarning(outcome: StartupBackup | null): string | null {
  if (!outcome?.failed) return null;
  return `The daily backup could not be made: ${outcome.failed.message}. Your register is unchanged; check the backup folder on the Backups page.`;
}
