import { describe, expect, it } from "vitest";
import { onPending, track, waitingInWords } from "./waiting";

describe("waiting for the register", () => {
  it("counts running calls until they settle, failed ones too", async () => {
    const seen: number[] = [];
    const stop = onPending((n) => seen.push(n));
    let finish: (v: number) => void = () => {};
    const first = track(new Promise<number>((resolve) => (finish = resolve)));
    const second = track(Promise.reject(new Error("busy"))).catch(() => "caught");
    await second;
    finish(1);
    await first;
    stop();
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  it("says what holds the register", () => {
    expect(waitingInWords({ in_app: "importing assets.csv", other_programs: [] })).toContain(
      "Tend is importing assets.csv",
    );
    const other = waitingInWords({ other_programs: ["tend import big.csv (pid 4242)"] });
    expect(other).toContain("tend import big.csv (pid 4242)");
    expect(other).toContain("will be saved");
    expect(waitingInWords({ other_programs: [] })).toBeNull();
  });
});
