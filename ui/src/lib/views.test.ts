import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, shownColumns, toggleColumn } from "./columns";
import { initialTableState } from "./query";
import { loadColumns, loadViews, storeColumns, storeViews, withoutView, withView } from "./views";

function memory() {
  const kept = new Map<string, string>();
  return { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
}

describe("saved views", () => {
  it("keep a filter, a sort and columns under a name, and come back from storage", () => {
    const storage = memory();
    let views = withView([], {
      name: "  Servers in repair ",
      table: { ...initialTableState, status: "in_repair", sort: "name", offset: 150 },
      columns: ["tag", "name", "hostname"],
    });
    views = withView(views, { name: "Anna's", table: initialTableState, columns: DEFAULT_COLUMNS });
    storeViews(views, storage);
    const back = loadViews(storage);
    expect(back.map((v) => v.name)).toEqual(["Anna's", "Servers in repair"]);
    expect(back[1].table.status).toBe("in_repair");
    expect(back[1].table.offset).toBe(0);
    expect(back[1].columns).toEqual(["tag", "name", "hostname"]);
  });

  it("replace a view of the same name, and remove one", () => {
    let views = withView([], { name: "Mine", table: initialTableState, columns: DEFAULT_COLUMNS });
    views = withView(views, { name: "MINE", table: { ...initialTableState, search: "srv" }, columns: DEFAULT_COLUMNS });
    expect(views.length).toBe(1);
    expect(views[0].table.search).toBe("srv");
    expect(withoutView(views, "MINE")).toEqual([]);
  });

  it("read nothing from what is not theirs", () => {
    const storage = memory();
    storage.setItem("tend.views", "{not json");
    expect(loadViews(storage)).toEqual([]);
    storage.setItem("tend.views", JSON.stringify([{ name: 3 }, { name: "ok", table: {}, columns: ["bogus"] }]));
    const views = loadViews(storage);
    expect(views.length).toBe(1);
    expect(views[0].columns).toEqual(DEFAULT_COLUMNS);
  });
});

describe("columns", () => {
  it("always show the tag first, the rest in the table's order", () => {
    expect(shownColumns(["serial", "name"]).map((c) => c.key)).toEqual(["tag", "name", "serial"]);
  });

  it("toggle on and off, but never the tag", () => {
    expect(toggleColumn(["tag", "name"], "hostname")).toEqual(["tag", "name", "hostname"]);
    expect(toggleColumn(["tag", "name"], "name")).toEqual(["tag"]);
    expect(toggleColumn(["tag"], "tag")).toEqual(["tag"]);
  });

  it("are kept on this computer", () => {
    const storage = memory();
    expect(loadColumns(storage)).toEqual(DEFAULT_COLUMNS);
    storeColumns(["tag", "ip_address"], storage);
    expect(loadColumns(storage)).toEqual(["tag", "ip_address"]);
  });
});
