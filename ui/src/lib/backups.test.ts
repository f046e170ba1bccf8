import { describe, expect, it } from "vitest";
import { fileName, restoreQuestion, sizeInWords, startupWarning } from "./backups";
import type { BackupInfo } from "./bindings/BackupInfo";

const backup: BackupInfo = {
  path: "/home/ana/.local/share/app.tend.desktop/backups/tend-2026-12-06T08-13-00.123Z-v6.sqlite",
  taken_at: "2026-12-06T08:13:00.123Z",
  size: 1_234_567,
  schema_version: 6,
  reason: "daily",
  sha256: "ab".repeat(32),
  verified: true,
};

describe("backups in words", () => {
  it("says sizes in units people read", () => {
    expect(sizeInWords(1_234_567)).toBe("1.2 MB");
    expect(sizeInWords(84_000)).toBe("84 kB");
    expect(sizeInWords(512)).toBe("512 B");
  });

  it("names a backup by its file name", () => {
    expect(fileName(backup)).toBe("tend-2026-12-06T08-13-00.123Z-v6.sqlite");
    expect(fileName({ ...backup, path: "C:\\data\\backups\\tend-x-v6.sqlite" })).toBe("tend-x-v6.sqlite");
  });

  it("says what a restore loses and that the present register is kept", () => {
    const none = restoreQuestion({ backup, changes_lost: 0 });
    expect(none).toContain("Nothing was changed");
    expect(restoreQuestion({ backup, changes_lost: 1 })).toContain("1 change made since then");
    const many = restoreQuestion({ backup, changes_lost: 42 });
    expect(many).toContain("42 changes made since then will no longer be in the register");
    expect(many).toContain("backed up first");
  });

  it("warns only when the start-up backup failed", () => {
    expect(startupWarning(null)).toBeNull();
    expect(startupWarning({ made: backup })).toBeNull();
    expect(startupWarning({})).toBeNull();
    const warning = startupWarning({
      failed: { code: "io", message: "/mnt/share: the backup folder does not exist" },
    });
    expect(warning).toContain("/mnt/share: the backup folder does not exist");
  });
});
