/**
 * Attaching files to many assets from the register (its filter or its
 * selection): the native dialog, one write in the core, and what it did in
 * words. Both the register's link and the bulk bar use it.
 */
import { api } from "./api";
import type { AssetQuery } from "./bindings/AssetQuery";

/** Asks for files and attaches them to `assetIds`, or to every asset `query` matches; the message, or null when the dialog was closed. */
export async function attachChosenFiles(assetIds: number[], query: AssetQuery | null): Promise<string | null> {
  const chosen = await api.chooseAttachmentFiles("");
  if (chosen.length === 0) return null;
  const done = await api.attachFiles(
    chosen.map((f) => f.token),
    { asset_ids: assetIds, to: { kind: "asset" }, query, note: "" },
  );
  const assets = new Set(done.links.map((l) => l.asset_id)).size;
  return `Attached ${chosen.length} file${chosen.length === 1 ? "" : "s"} to ${assets} asset${assets === 1 ? "" : "s"}.`;
}
