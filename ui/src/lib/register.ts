/**
 * Settings → Register in words: where the register lives, the server form
 * and what "Test connection" found. The rules (what may be used, what the
 * database holds, who may do what) are the core's; this only lays them out.
 */
import type { Probe } from "./bindings/Probe";
import type { RegisterPlace } from "./bindings/RegisterPlace";
import type { ServerFields } from "./bindings/ServerFields";
import type { TlsMode } from "./bindings/TlsMode";

/** The TLS modes, strictest first, as libpq names them. */
export const TLS_MODES: { value: TlsMode; label: string }[] = [
  { value: "verify-full", label: "verify-full: encrypted, the certificate and host name checked" },
  { value: "verify-ca", label: "verify-ca: encrypted, the certificate checked" },
  { value: "require", label: "require: encrypted, the certificate not checked" },
  { value: "prefer", label: "prefer: encrypted only if the server offers it" },
  { value: "disable", label: "disable: not encrypted" },
];

/** The server form as typed: the port is text until it is sent. */
export interface ServerForm {
  host: string;
  port: string;
  database: string;
  user: string;
  tls: TlsMode;
  password: string;
}

/** A new form: PostgreSQL's port and an encrypted link; or the server in use. */
export function formFrom(place: RegisterPlace | null): ServerForm {
  const choice = place?.choice;
  if (choice?.kind === "server") {
    const s = choice.server;
    return { host: s.host, port: String(s.port), database: s.database, user: s.user, tls: s.tls, password: "" };
  }
  return { host: "", port: "5432", database: "", user: "", tls: "require", password: "" };
}

/** The form's fields to send, or the field that cannot be sent and why. */
export function fieldsOf(form: ServerForm): { fields: ServerFields } | { field: string; message: string } {
  const port = form.port.trim();
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return { field: "port", message: "give a port from 1 to 65535 (PostgreSQL's is 5432)" };
  }
  return {
    fields: {
      host: form.host.trim(),
      port: Number(port),
      database: form.database.trim(),
      user: form.user.trim(),
      tls: form.tls,
    },
  };
}

/** Whether the mode checks the server's certificate (and so needs its CA file). */
export function needsCa(tls: TlsMode): boolean {
  return tls === "verify-ca" || tls === "verify-full";
}

/** Where the register lives, in a sentence. */
export function placeInWords(place: RegisterPlace): string {
  const choice = place.choice;
  if (choice.kind === "file") return `A file on this computer: ${place.file}`;
  const s = choice.server;
  return `A team register on a PostgreSQL server: ${s.user}@${s.host}:${s.port}/${s.database} (TLS ${s.tls})`;
}

/**
 * What a TLS mode lets through, said plainly when the link may not be
 * encrypted; null when it always is.
 */
export function linkWarning(tls: TlsMode): string | null {
  if (tls === "disable") {
    return "The link to the server is not encrypted: the password and the register cross the network readable by anyone on the way.";
  }
  if (tls === "prefer") {
    return "The link to the server is encrypted only if the server offers it; if it does not, the password and the register cross the network readable by anyone on the way.";
  }
  return null;
}

/** One line of a test's outcome; `warn` marks what the user should act on. */
export interface ProbeLine {
  label: string;
  text: string;
  warn: boolean;
}

/** What "Test connection" found, line by line. */
export function probeLines(probe: Probe): ProbeLine[] {
  const lines: ProbeLine[] = [
    { label: "Server", text: `${probe.server} (PostgreSQL ${probe.server_version})`, warn: false },
    { label: "Link", text: probe.encryption, warn: !probe.encrypted },
    { label: "Database", text: probe.register_words, warn: !["ready", "older"].includes(probe.register) },
  ];
  if (probe.access_words) {
    lines.push({ label: "Access", text: probe.access_words, warn: probe.access === "none" });
  }
  return lines;
}
