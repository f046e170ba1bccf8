import { describe, expect, it } from "vitest";
import { dueWhen, launchSummary } from "./due";

describe("dueWhen", () => {
  it("says how far an item is from today", () => {
    expect(dueWhen({ state: "overdue", days: -12, periods_overdue: 3 })).toBe("12 days overdue (3 periods)");
    expect(dueWhen({ state: "overdue", days: -1, periods_overdue: 1 })).toBe("1 day overdue");
    expect(dueWhen({ state: "due", days: 0, periods_overdue: 0 })).toBe("due today");
    expect(dueWhen({ state: "expired", days: -40, periods_overdue: 0 })).toBe("ended 40 days ago");
    expect(dueWhen({ state: "upcoming", days: 5, periods_overdue: 0 })).toBe("in 5 days");
  });
});

describe("launchSummary", () => {
  it("lists only what needs attention", () => {
    expect(launchSummary({ overdue: 2, due: 1, expired: 0, upcoming: 7 })).toBe("2 overdue, 1 due today");
    expect(launchSummary({ overdue: 0, due: 0, expired: 0, upcoming: 3 })).toBeNull();
  });
});
