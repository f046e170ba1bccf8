import { describe, expect, it } from "vitest";
import { ApiFailure, createApi, toFailure, type Invoke } from "./api";
import { blankAsset } from "./forms";

describe("toFailure", () => {
  it("keeps the code, message and field of a command's ApiError", () => {
    const f = toFailure({ code: "validation", message: "tag: must not be empty", field: "tag" });
    expect(f).toBeInstanceOf(ApiFailure);
    expect(f.code).toBe("validation");
    expect(f.message).toBe("tag: must not be empty");
    expect(f.field).toBe("tag");
    expect(f.isInput).toBe(true);
  });

  it("has no field when the error names none", () => {
    const f = toFailure({ code: "not_found", message: "asset not found: 7" });
    expect(f.code).toBe("not_found");
    expect(f.field).toBeUndefined();
    expect(f.isInput).toBe(false);
  });

  it("treats a plain string from Tauri as an IPC failure", () => {
    const f = toFailure("Command foo not allowed by ACL");
    expect(f.code).toBe("ipc");
    expect(f.message).toContain("not allowed");
  });

  it("keeps a refused argument as a validation error naming it", () => {
    const f = toFailure({ code: "validation", message: "input: unknown field `x`", field: "input" });
    expect(f.code).toBe("validation");
    expect(f.field).toBe("input");
  });

  it("knows every code of the generated ErrorCode type", () => {
    expect(toFailure({ code: "internal", message: "bug" }).code).toBe("internal");
    expect(toFailure({ code: "cancelled", message: "stopped" }).code).toBe("cancelled");
  });

  it("does not trust objects with an unknown code", () => {
    const f = toFailure({ code: "toString", message: "x" });
    expect(f.code).toBe("ipc");
  });

  it("wraps thrown Errors and unknown values", () => {
    expect(toFailure(new Error("gone")).message).toBe("gone");
    expect(toFailure(42).code).toBe("ipc");
  });

  it("returns an ApiFailure unchanged", () => {
    const f = new ApiFailure("busy", "locked");
    expect(toFailure(f)).toBe(f);
  });
});

describe("createApi", () => {
  it("calls the command with snake_case arguments", async () => {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    const invoke: Invoke = async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return [] as T;
    };
    const api = createApi(invoke);
    await api.assetHistory(7, 20);
    await api.createWork(7, {
      kind: "repair",
      performed_on: "2025-01-02",
      performed_by: "",
      summary: "PSU",
      details: "",
      outcome: "fixed",
      cost: "",
      currency: "",
      downtime_minutes: "",
      parts_used: "",
      covered_by_warranty: false,
      coverage_id: null,
      external_ref: "",
      expected_updated_at: "",
    });
    expect(calls[0]).toEqual(["asset_history", { asset_id: 7, limit: 20 }]);
    expect(calls[1][0]).toBe("create_work");
    expect(calls[1][1]).toMatchObject({ asset_id: 7 });
  });

  it("passes a template's id and input as the template commands expect", async () => {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    const invoke: Invoke = async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return null as T;
    };
    const api = createApi(invoke);
    await api.listTemplates();
    await api.applyTemplate(3);
    await api.deleteTemplate(3);
    expect(calls).toEqual([
      ["list_templates", undefined],
      ["apply_template", { id: 3 }],
      ["delete_template", { id: 3 }],
    ]);
  });

  it("names a chosen file by the token its dialog gave, never by a path", async () => {
    const calls: [string, Record<string, unknown> | undefined][] = [];
    const invoke: Invoke = async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return null as T;
    };
    const api = createApi(invoke);
    const options = { format: null, kind: null, encoding: null, delimiter: null, date_format: null, decimal: null, match_by: "tag" as const, mapping: [], save_mapping: false };
    await api.chooseImportFile("/home/me/in.csv");
    await api.inspectImport("t1", options);
    await api.runImport("t1", options);
    await api.chooseReportPath("inventory.pdf");
    await api.writeReport({ kind: "inventory", from: "", to: "", category: "", location: "", paper: "", asset_tag: "" }, "t2", false);
    await api.chooseLogo("");
    expect(calls.map(([cmd, args]) => [cmd, Object.keys(args ?? {}).sort()])).toEqual([
      ["choose_import_file", ["start"]],
      ["inspect_import", ["file", "options"]],
      ["run_import", ["file", "options"]],
      ["choose_report_path", ["start"]],
      ["write_report", ["open_after", "options", "path"]],
      ["choose_logo", ["start"]],
    ]);
    expect(calls[4][1]).toMatchObject({ path: "t2" });
  });

  it("rejects with a typed ApiFailure", async () => {
    const invoke: Invoke = () =>
      Promise.reject({ code: "conflict", message: "tag: SRV-1 is already used", field: "tag" });
    const api = createApi(invoke);
    const err = await api.createAsset(blankAsset()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).code).toBe("conflict");
    expect((err as ApiFailure).field).toBe("tag");
  });
});
