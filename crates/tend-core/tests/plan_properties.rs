//! Property tests of plans through the API (proptest): over ten years of
//! completions at random times, a fixed plan stays on its calendar grid, a
//! floating plan is due one interval after its last completion, the next
//! due date never moves backwards except through undo, and undo restores
//! the exact previous state.

use crate::common::asset;
use crate::plans::d;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use tend_core::schedule::{Interval, IntervalUnit, Schedule};
use tend_core::*;

fn unit_strategy() -> impl Strategy<Value = IntervalUnit> {
    prop_oneof![
        Just(IntervalUnit::Days),
        Just(IntervalUnit::Weeks),
        Just(IntervalUnit::Months),
        Just(IntervalUnit::Years),
    ]
}

/// A plan rule and a sequence of gaps (in days) between completions.
fn scenario() -> impl Strategy<Value = (u32, IntervalUnit, i64, Vec<i64>)> {
    (
        1u32..=3,
        unit_strategy(),
        0i64..(365 * 4), // start offset from 2020-01-01 (leap years included)
        prop::collection::vec(0i64..400, 1..40),
    )
}

fn register_with_plan(
    every: u32,
    unit: IntervalUnit,
    anchoring: &str,
    start: NaiveDate,
) -> (Register, i64, i64) {
    let mut reg = Register::open_in_memory().unwrap();
    let a = reg.create_asset(&asset("P-1", "Plan subject")).unwrap();
    let p = reg
        .create_plan(
            a.id,
            &PlanInput {
                title: "Property".into(),
                every: every.to_string(),
                unit: unit.as_str().into(),
                anchoring: anchoring.into(),
                start_date: start.to_string(),
                ..PlanInput::default()
            },
            start,
        )
        .unwrap();
    (reg, a.id, p.id)
}

fn date_of(s: &Option<String>) -> NaiveDate {
    d(s.as_deref().expect("plan has a next due date"))
}

/// Completes at `start + each gap`, ten years at most; calls `check` after
/// each completion with (previous plan, new plan, completion day).
fn run(
    reg: &mut Register,
    plan_id: i64,
    start: NaiveDate,
    gaps: &[i64],
    mut check: impl FnMut(&Plan, &Plan, NaiveDate),
) {
    let horizon = start + Duration::days(3653);
    let mut day = start;
    for gap in gaps {
        let before = reg.get_plan(plan_id).unwrap();
        day += Duration::days(*gap);
        if day > horizon {
            break;
        }
        let done = reg
            .complete_plan(
                plan_id,
                &CompletionInput {
                    completed_on: day.to_string(),
                    ..CompletionInput::default()
                },
                day,
            )
            .unwrap();
        check(&before, &done.plan, day);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_fixed_plan_keeps_every_due_date_on_its_grid((every, unit, offset, gaps) in scenario()) {
        let start = d("2020-01-01") + Duration::days(offset);
        let (mut reg, _, id) = register_with_plan(every, unit, "fixed", start);
        let schedule = Schedule {
            interval: Interval { every, unit },
            anchoring: schedule::Anchoring::Fixed,
            start,
            end: None,
        };
        run(&mut reg, id, start, &gaps, |before, after, day| {
            let next = date_of(&after.next_due);
            let grid = schedule.grid_between(next, next);
            assert_eq!(grid, vec![next], "{next} is not on the grid from {start}");
            assert!(next > day, "next due {next} is after the completion {day}");
            assert!(next >= date_of(&before.next_due), "never backwards");
        });
    }

    #[test]
    fn a_floating_plan_is_due_one_interval_after_its_last_completion((every, unit, offset, gaps) in scenario()) {
        let start = d("2020-01-01") + Duration::days(offset);
        let (mut reg, _, id) = register_with_plan(every, unit, "floating", start);
        let interval = Interval { every, unit };
        run(&mut reg, id, start, &gaps, |before, after, day| {
            assert_eq!(after.last_done.as_deref(), Some(day.to_string().as_str()));
            assert_eq!(Some(date_of(&after.next_due)), interval.nth_after(day, 1));
            assert!(date_of(&after.next_due) >= date_of(&before.next_due), "never backwards");
        });
    }

    #[test]
    fn undo_after_complete_restores_the_exact_previous_state(
        (every, unit, offset, gaps) in scenario(),
        fixed in any::<bool>(),
    ) {
        let start = d("2020-01-01") + Duration::days(offset);
        let anchoring = if fixed { "fixed" } else { "floating" };
        let (mut reg, asset_id, id) = register_with_plan(every, unit, anchoring, start);
        let mut day = start;
        for gap in gaps.iter().take(8) {
            day += Duration::days(*gap);
            let before = reg.get_plan(id).unwrap();
            let entries = reg.list_work(asset_id, 10_000).unwrap().len();
            reg.complete_plan(id, &CompletionInput { completed_on: day.to_string(), ..CompletionInput::default() }, day).unwrap();
            let undone = reg.undo_plan(id).unwrap();
            prop_assert_eq!(&undone, &before);
            prop_assert_eq!(reg.list_work(asset_id, 10_000).unwrap().len(), entries);
            // Complete again for real so the next round starts further on.
            reg.complete_plan(id, &CompletionInput { completed_on: day.to_string(), ..CompletionInput::default() }, day).unwrap();
        }
    }
}
