/**
 * The one typed door from the UI to the Tend backend.
 *
 * Every call goes through Tauri's `invoke` to a command in src-tauri, with
 * argument and result types generated from the Rust definitions (ts-rs, in
 * ./bindings). A rejected call becomes an {@link ApiFailure} carrying the
 * core's stable error code and, for validation errors, the field it is about,
 * so screens never match on message text.
 */
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { ApiError } from "./bindings/ApiError";
import type { Asset } from "./bindings/Asset";
import type { AssetInput } from "./bindings/AssetInput";
import type { AssetPage } from "./bindings/AssetPage";
import type { AssetQuery } from "./bindings/AssetQuery";
import type { Scanned } from "./bindings/Scanned";
import type { Attached } from "./bindings/Attached";
import type { BulkAction } from "./bindings/BulkAction";
import type { BulkDone } from "./bindings/BulkDone";
import type { BulkSelection } from "./bindings/BulkSelection";
import type { Attachment } from "./bindings/Attachment";
import type { AttachRequest } from "./bindings/AttachRequest";
import type { LabelLayoutInfo } from "./bindings/LabelLayoutInfo";
import type { LabelRequest } from "./bindings/LabelRequest";
import type { LabelsWritten } from "./bindings/LabelsWritten";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { BackupsOverview } from "./bindings/BackupsOverview";
import type { KeepInput } from "./bindings/KeepInput";
import type { RestorePreview } from "./bindings/RestorePreview";
import type { Restored } from "./bindings/Restored";
import type { StartupBackup } from "./bindings/StartupBackup";
import type { RegisterActivity } from "./bindings/RegisterActivity";
import type { Probe } from "./bindings/Probe";
import type { RegisterPlace } from "./bindings/RegisterPlace";
import type { ServerFields } from "./bindings/ServerFields";
import { track } from "./waiting";
import type { ChosenFile } from "./bindings/ChosenFile";
import type { Completion } from "./bindings/Completion";
import type { CompletionInput } from "./bindings/CompletionInput";
import type { Coverage } from "./bindings/Coverage";
import type { CoverageInput } from "./bindings/CoverageInput";
import type { CoverageStatus } from "./bindings/CoverageStatus";
import type { DemoSummary } from "./bindings/DemoSummary";
import type { DueList } from "./bindings/DueList";
import type { DueQuery } from "./bindings/DueQuery";
import type { DueSince } from "./bindings/DueSince";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { Location } from "./bindings/Location";
import type { Lookup } from "./bindings/Lookup";
import type { LookupKind } from "./bindings/LookupKind";
import type { Plan } from "./bindings/Plan";
import type { PlanDetail } from "./bindings/PlanDetail";
import type { PlanInput } from "./bindings/PlanInput";
import type { PlanTemplate } from "./bindings/PlanTemplate";
import type { PlanTemplateInput } from "./bindings/PlanTemplateInput";
import type { ReportOptions } from "./bindings/ReportOptions";
import type { ReportProgress } from "./bindings/ReportProgress";
import type { ReportWritten } from "./bindings/ReportWritten";
import type { Settings } from "./bindings/Settings";
import type { Overview } from "./bindings/Overview";
import type { Commands } from "./bindings/commands";
import type { LocationNode } from "./bindings/LocationNode";
import type { RackView } from "./bindings/RackView";
import type { TemplateApplied } from "./bindings/TemplateApplied";
import type { TemplateReach } from "./bindings/TemplateReach";
import type { ExportKind } from "./bindings/ExportKind";
import type { ExportOptions } from "./bindings/ExportOptions";
import type { ExportWritten } from "./bindings/ExportWritten";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportReport } from "./bindings/ImportReport";
import type { Inspection } from "./bindings/Inspection";
import type { WorkLogEntry } from "./bindings/WorkLogEntry";
import type { WorkLogInput } from "./bindings/WorkLogInput";

/** The codes a failure can carry: the core's, plus `ipc` when the call never reached a command. */
export type FailureCode = ErrorCode | "ipc";

/** A failed backend call, with the core's error code and the field it names (if any). */
export class ApiFailure extends Error {
  readonly code: FailureCode;
  readonly field: string | undefined;

  constructor(code: FailureCode, message: string, field?: string) {
    super(message);
    this.name = "ApiFailure";
    this.code = code;
    this.field = field;
  }

  /** True for errors the user can fix by changing what they typed. */
  get isInput(): boolean {
    return this.code === "validation" || this.code === "conflict";
  }
}

/**
 * Every code of the generated `ErrorCode` type: a record, so that a code
 * added in Rust and missing here fails type-checking instead of being lost.
 */
const ERROR_CODES: Record<ErrorCode, true> = {
  validation: true,
  not_found: true,
  conflict: true,
  busy: true,
  damaged: true,
  incompatible: true,
  io: true,
  storage: true,
  cancelled: true,
  internal: true,
  unavailable: true,
  forbidden: true,
};

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CODES, code);
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isErrorCode(v.code) &&
    typeof v.message === "string" &&
    (v.field === undefined || v.field === null || typeof v.field === "string")
  );
}

/**
 * Turns whatever a rejected `invoke` produced into an {@link ApiFailure}:
 * the serialized `ApiError` of a command (arguments that do not decode are
 * `validation` errors too, naming the argument), or Tauri's own error, a
 * string, for a call that never reached a command (a command the window's
 * capability does not allow, or one that does not exist).
 */
export function toFailure(reason: unknown): ApiFailure {
  if (reason instanceof ApiFailure) return reason;
  if (isApiError(reason)) {
    return new ApiFailure(reason.code, reason.message, reason.field ?? undefined);
  }
  if (typeof reason === "string") return new ApiFailure("ipc", reason);
  if (reason instanceof Error) return new ApiFailure("ipc", reason.message);
  return new ApiFailure("ipc", "The app's backend did not answer as expected.");
}

/** The shape of Tauri's `invoke`, so tests can put a fake transport behind the API. */
export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/** Builds the typed API over a transport. The app uses {@link api}; tests pass a fake. */
export function createApi(invoke: Invoke) {
  /**
   * Calls a command by the table generated from the Rust functions
   * (bindings/commands.ts): its name, its arguments' names and types and
   * what it returns are checked when the UI is compiled.
   */
  async function call<K extends keyof Commands>(
    command: K,
    ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
  ): Promise<Commands[K]["returns"]> {
    try {
      // Counted while running, so the app can say why a save waits (not the
      // question of what it waits for itself).
      const running = invoke<Commands[K]["returns"]>(command, args[0]);
      return await (command === "register_activity" ? running : track(running));
    } catch (reason) {
      throw toFailure(reason);
    }
  }

  return {
    listAssets: (query: AssetQuery) => call("list_assets", { query }),
    countAssets: () => call("count_assets"),
    getAsset: (id: number) => call("get_asset", { id }),
    findScanned: (text: string) => call("find_scanned", { text }),
    labelLayouts: () => call("label_layouts"),
    /** The first page of the labels asked for, as SVG. */
    labelPreview: (request: LabelRequest) => call("label_preview", { request }),
    /** The native save dialog for labels; a token good for one PDF. */
    chooseLabelsPath: (start: string) => call("choose_labels_path", { start }),
    writeLabels: (request: LabelRequest, path: string, openAfter: boolean) =>
      call("write_labels", { request, path, open_after: openAfter }),
    /** The system print service's printers; none without CUPS. */
    listPrinters: () => call("list_printers"),
    /** Prints the labels at 100 %; what the print service answered. */
    printLabels: (request: LabelRequest, printer: string) => call("print_labels", { request, printer }),
    /** Sends the labels in ZPL to a Zebra printer's port (HOST, 9100, or HOST:PORT); where they went. */
    sendLabelsZpl: (request: LabelRequest, printer: string) =>
      call("send_labels_zpl", { request, printer }),
    /** The native save dialog, then the labels in ZPL written there; the path, or null when closed. */
    saveLabelsZpl: (request: LabelRequest, start: string) =>
      call("save_labels_zpl", { request, start }),
    /** One change to every asset selected, in one write; the last one can be undone. */
    bulkChange: (selection: BulkSelection, action: BulkAction) =>
      call("bulk_change", { selection, action }),
    /** Takes back the last bulk change (refused when an asset changed since). */
    undoBulkChange: () => call("undo_bulk_change"),
    /** A template's plan on every selected asset in use that has none from it yet. */
    bulkApplyTemplate: (selection: BulkSelection, templateId: number) =>
      call("bulk_apply_template", { selection, template_id: templateId }),
    /** Files attached to an asset, its coverage and its work log, newest first. */
    listAttachments: (assetId: number) => call("list_attachments", { asset_id: assetId }),
    /** The native open dialog for files to attach: a token per file, each good once. */
    chooseAttachmentFiles: (start: string) => call("choose_attachment_files", { start }),
    /** Attaches the files behind the tokens (from the dialog or a drop) in one write. */
    attachFiles: (files: string[], request: AttachRequest) =>
      call("attach_files", { files_chosen: files, request }),
    /** An image attachment as a data: URL for its thumbnail; null for other files. */
    attachmentPreview: (id: number) => call("attachment_preview", { id }),
    /** Opens a temporary copy in the system's viewer. */
    openAttachment: (id: number) => call("open_attachment", { id }),
    /** The native save dialog, then a copy written there; its path, or null when closed. */
    saveAttachmentAs: (id: number) => call("save_attachment_as", { id }),
    removeAttachment: (id: number) => call("remove_attachment", { id }),
    assetInput: (id: number) => call("asset_input", { id }),
    createAsset: (input: AssetInput) => call("create_asset", { input }),
    updateAsset: (id: number, input: AssetInput) => call("update_asset", { id, input }),
    archiveAsset: (id: number) => call("archive_asset", { id }),
    restoreAsset: (id: number) => call("restore_asset", { id }),

    listCoverage: (assetId: number) => call("list_coverage", { asset_id: assetId }),
    createCoverage: (assetId: number, input: CoverageInput) =>
      call("create_coverage", { asset_id: assetId, input }),
    updateCoverage: (id: number, input: CoverageInput) =>
      call("update_coverage", { id, input }),
    deleteCoverage: (id: number) => call("delete_coverage", { id }),

    listWork: (assetId: number, limit: number) =>
      call("list_work", { asset_id: assetId, limit }),
    createWork: (assetId: number, input: WorkLogInput) =>
      call("create_work", { asset_id: assetId, input }),

    assetHistory: (assetId: number, limit: number) =>
      call("asset_history", { asset_id: assetId, limit }),

    listLookups: (kind: LookupKind) => call("list_lookups", { kind }),
    listLocations: () => call("list_locations"),

    loadDemo: (assets: number) => call("load_demo", { assets }),

    /** The native open dialog, opened on `start` (a typed path, or ""); the file's token. */
    chooseImportFile: (start: string) => call("choose_import_file", { start }),
    inspectImport: (file: string, options: ImportOptions) =>
      call("inspect_import", { file, options }),
    previewImport: (file: string, options: ImportOptions) =>
      call("preview_import", { file, options }),
    runImport: (file: string, options: ImportOptions) =>
      call("run_import", { file, options }),
    saveImportProblems: (file: string, options: ImportOptions) =>
      call("save_import_problems", { file, options }),
    exportCsv: (kind: ExportKind, options: ExportOptions) =>
      call("export_csv", { kind, options }),

    listPlans: (assetId: number) => call("list_plans", { asset_id: assetId }),
    planDetail: (id: number) => call("plan_detail", { id }),
    createPlan: (assetId: number, input: PlanInput) =>
      call("create_plan", { asset_id: assetId, input }),
    updatePlan: (id: number, input: PlanInput) => call("update_plan", { id, input }),
    deletePlan: (id: number) => call("delete_plan", { id }),
    completePlan: (id: number, input: CompletionInput) =>
      call("complete_plan", { id, input }),
    /** `occurrence`: the date the list showed it due on ("" for the plan's next). */
    skipPlan: (id: number, reason: string, occurrence: string) =>
      call("skip_plan", { id, reason, occurrence }),
    snoozePlan: (id: number, until: string, occurrence: string) =>
      call("snooze_plan", { id, until, occurrence }),
    pausePlan: (id: number) => call("pause_plan", { id }),
    resumePlan: (id: number) => call("resume_plan", { id }),
    undoPlan: (id: number) => call("undo_plan", { id }),

    listTemplates: () => call("list_templates"),
    createTemplate: (input: PlanTemplateInput) => call("create_template", { input }),
    applyTemplate: (id: number) => call("apply_template", { id }),
    deleteTemplate: (id: number) => call("delete_template", { id }),

    dueList: (query: DueQuery) => call("due_list", { query }),
    /** The site › building › room › rack tree with assets and overdue maintenance here and below. */
    locationTree: () => call("location_tree"),
    /** A rack's front view: devices by unit from their models' heights. */
    rackView: (rackId: number) => call("rack_view", { rack_id: rackId }),
    renameLocation: (id: number, name: string) => call("rename_location", { id, name }),
    /** Under a place of the level its parent is; the subtree follows. */
    moveLocation: (id: number, parentId: number) => call("move_location", { id, parent_id: parentId }),
    setModelHeight: (model: string, units: number) => call("set_model_height", { model, units }),
    /** Home's figures, judged on today. */
    overview: () => call("overview"),
    dueSinceLastLaunch: () => call("due_since_last_launch"),
    /** The coverage a repair done on `performedOn` ("" for today) is covered by by default. */
    workCoverage: (assetId: number, performedOn: string) =>
      call("work_coverage", { asset_id: assetId, performed_on: performedOn }),

    /** The native save dialog, opened on `start` (a typed path or a file name); a token good for one report. */
    chooseReportPath: (start: string) => call("choose_report_path", { start }),
    /** Writes the report to the file whose token `chooseReportPath` gave. */
    writeReport: (options: ReportOptions, target: string, openAfter: boolean) =>
      call("write_report", { options, path: target, open_after: openAfter }),
    cancelReport: () => call("cancel_report"),
    getSettings: () => call("get_settings"),
    updateSettings: (input: Settings) => call("update_settings", { input }),
    /** The native open dialog for the logo, opened on `start`; stores it and gives the settings after. */
    chooseLogo: (start: string) => call("choose_logo", { start }),
    /** The stored logo as a data: URL for the preview; null without one. */
    logoPreview: () => call("logo_preview"),

    backupsOverview: () => call("backups_overview"),
    /** How the once-a-day start-up backup went; null while it runs. */
    startupBackup: () => call("startup_backup"),
    backUpNow: () => call("back_up_now"),
    /** What restoring the backup with this file name would undo. */
    restorePreview: (name: string) => call("restore_preview", { name }),
    restoreBackup: (name: string) => call("restore_backup", { name }),
    setBackupKeep: (keep: KeepInput) => call("set_backup_keep", { keep }),
    /** The native folder dialog, opened on `start`; the overview after, or null when closed. */
    chooseBackupFolder: (start: string) =>
      call("choose_backup_folder", { start }),
    useDefaultBackupFolder: () => call("use_default_backup_folder"),
    /** Who holds the register besides the calls that wait for it (answered at once). */
    registerActivity: () => call("register_activity"),

    /** Where the register lives (Settings → Register). */
    registerPlace: () => call("register_place"),
    registerMayChange: () => call("register_may_change"),
    /** The native open dialog for the server's CA certificate; its token, or null when closed. */
    chooseCaFile: (start: string) => call("choose_ca_file", { start }),
    /**
     * Connects and says what is there, changing nothing. An empty password is
     * the keyring's for this login; an empty `caFile` the CA file already
     * chosen for this server.
     */
    testRegisterConnection: (server: ServerFields, password: string, caFile: string) =>
      call("test_register_connection", { server, password, ca_file: caFile }),
    /** Uses this team register from now on (tested first; the password goes to the keyring). */
    useServerRegister: (server: ServerFields, password: string, caFile: string) =>
      call("use_server_register", { server, password, ca_file: caFile }),
    /** Uses the file on this computer again. */
    useFileRegister: () => call("use_file_register"),
  };
}

/** The backend API as the screens see it. */
export type Api = ReturnType<typeof createApi>;

/** The API over the real Tauri transport. */
export const api: Api = createApi(tauriInvoke as Invoke);

/** Calls `handler` with each progress report of the report being made; resolves to the unsubscribe function. */
export function onReportProgress(handler: (progress: ReportProgress) => void): Promise<() => void> {
  return listen<ReportProgress>("report-progress", (event) => handler(event.payload));
}

/**
 * Calls `handler` whenever someone else (the CLI, another desk) has changed
 * the register; resolves to the unsubscribe function.
 */
export function onRegisterChanged(handler: () => void): Promise<() => void> {
  return listen<null>("register-changed", () => handler());
}

/** Files dropped on the window: one token per file (the page never gets a usable path). */
export function onFilesDropped(handler: (files: ChosenFile[]) => void): Promise<() => void> {
  return listen<ChosenFile[]>("files-dropped", (event) => handler(event.payload));
}
