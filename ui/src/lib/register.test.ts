import { describe, expect, it } from "vitest";
import type { Probe } from "./bindings/Probe";
import type { RegisterPlace } from "./bindings/RegisterPlace";
import { fieldsOf, formFrom, linkWarning, needsCa, placeInWords, probeLines, TLS_MODES } from "./register";

const server: RegisterPlace = {
  choice: {
    kind: "server",
    server: { host: "db.lan", port: 5433, database: "assets", user: "anna", tls: "verify-full" },
    ca_file: "/etc/tend/ca.pem",
  },
  file: "/home/anna/.local/share/app.tend.desktop/tend.sqlite",
};
const file: RegisterPlace = { choice: { kind: "file" }, file: "/home/anna/tend.sqlite" };

const probe: Probe = {
  server: "postgres://anna@db.lan:5433/assets",
  encrypted: true,
  encryption: "Encrypted (TLS); the server's certificate is checked, and names the host.",
  server_version: "16.4",
  register: "ready",
  register_words: "a Tend register (schema version 1)",
  access: "reader",
  access_words: '"anna" is a reader: may browse, search, export and print reports, but not change the register',
  usable: true,
};

describe("Settings → Register in words", () => {
  it("says where the register lives, never with a password", () => {
    expect(placeInWords(file)).toBe("A file on this computer: /home/anna/tend.sqlite");
    expect(placeInWords(server)).toBe(
      "A team register on a PostgreSQL server: anna@db.lan:5433/assets (TLS verify-full)",
    );
  });

  it("fills the form from the server in use, with the password left empty, or with defaults", () => {
    expect(formFrom(server)).toEqual({
      host: "db.lan",
      port: "5433",
      database: "assets",
      user: "anna",
      tls: "verify-full",
      password: "",
    });
    const fresh = formFrom(file);
    expect(fresh.port).toBe("5432");
    expect(fresh.tls).toBe("require");
    expect(formFrom(null)).toEqual(fresh);
  });

  it("sends the fields trimmed, the port as a number, and refuses a port that is not one", () => {
    const form = { ...formFrom(server), host: " db.lan ", port: " 6543 " };
    expect(fieldsOf(form)).toEqual({
      fields: { host: "db.lan", port: 6543, database: "assets", user: "anna", tls: "verify-full" },
    });
    for (const port of ["", "0", "65536", "54a", "-1", "5.5"]) {
      expect(fieldsOf({ ...form, port })).toMatchObject({ field: "port" });
    }
  });

  it("says plainly when a mode lets the link go unencrypted", () => {
    expect(linkWarning("disable")).toContain("not encrypted");
    expect(linkWarning("prefer")).toContain("only if the server offers it");
    for (const mode of ["require", "verify-ca", "verify-full"] as const) expect(linkWarning(mode)).toBeNull();
    expect(TLS_MODES.map((m) => m.value)).toEqual(["verify-full", "verify-ca", "require", "prefer", "disable"]);
    expect(TLS_MODES.filter((m) => needsCa(m.value)).map((m) => m.value)).toEqual(["verify-full", "verify-ca"]);
  });

  it("lays out what a test found, marking what needs acting on", () => {
    expect(probeLines(probe)).toEqual([
      { label: "Server", text: "postgres://anna@db.lan:5433/assets (PostgreSQL 16.4)", warn: false },
      { label: "Link", text: probe.encryption, warn: false },
      { label: "Database", text: "a Tend register (schema version 1)", warn: false },
      { label: "Access", text: probe.access_words, warn: false },
    ]);
    const plain = probeLines({
      ...probe,
      encrypted: false,
      encryption: "Not encrypted: ...",
      register: "empty",
      register_words: "the database is empty",
      access: undefined,
      access_words: "",
      usable: false,
    });
    expect(plain.map((l) => [l.label, l.warn])).toEqual([
      ["Server", false],
      ["Link", true],
      ["Database", true],
    ]);
    expect(probeLines({ ...probe, access: "none", usable: false }).at(-1)?.warn).toBe(true);
  });
});
