import { describe, expect, it } from "vitest";
import { filterRows, nextSort, sortRows, type Column } from "./table";

interface Row {
  name: string;
  pending: number;
}
const cols: Column<Row>[] = [
  { key: "name", title: "Name", value: (r) => r.name },
  { key: "pending", title: "Pending", value: (r) => r.pending, numeric: true },
];
const rows: Row[] = [
  { name: "billing", pending: 10 },
  { name: "analytics", pending: 2 },
  { name: "worker10", pending: 0 },
  { name: "worker9", pending: 100 },
];

describe("table", () => {
  it("sorts numbers as numbers and names naturally, both ways", () => {
    expect(sortRows(rows, cols, { key: "pending", descending: false }).map((r) => r.pending)).toEqual([0, 2, 10, 100]);
    expect(sortRows(rows, cols, { key: "name", descending: true }).map((r) => r.name)).toEqual([
      "worker10",
      "worker9",
      "billing",
      "analytics",
    ]);
    expect(sortRows(rows, cols, null)).toEqual(rows);
  });

  it("filters on every word across columns", () => {
    expect(filterRows(rows, cols, "WORK 100").map((r) => r.name)).toEqual(["worker9"]);
    expect(filterRows(rows, cols, "  ")).toHaveLength(4);
  });

  it("toggles direction on the same header", () => {
    const a = nextSort(null, "name");
    expect(a).toEqual({ key: "name", descending: false });
    expect(nextSort(a, "name")).toEqual({ key: "name", descending: true });
    expect(nextSort(a, "pending")).toEqual({ key: "pending", descending: false });
  });
});
