//! The list order the desktop keeps (both stores): every block at any depth
//! is the page `list_assets` gives, the ids are read once per filter and
//! sort, and again after the register changed.

use crate::common::{asset, on_postgres, temp_register};
use tend_core::*;

fn tags(page: &AssetPage) -> Vec<String> {
    page.rows.iter().map(|a| a.tag.clone()).collect()
}

#[test]
fn every_block_is_the_page_the_register_gives() {
    let (_dir, mut reg) = temp_register();
    for i in 0..57 {
        let mut input = asset(&format!("A-{i:03}"), &format!("Name {}", (i * 7) % 13));
        input.status = if i % 3 == 0 { "spare" } else { "in service" }.into();
        reg.create_asset(&input).unwrap();
    }
    let mut kept = KeptOrder::new();
    for sort in [
        AssetSortColumn::Tag,
        AssetSortColumn::Name,
        AssetSortColumn::Status,
    ] {
        for descending in [false, true] {
            for offset in [0, 10, 50, 56, 57, 80] {
                let q = AssetQuery {
                    sort,
                    descending,
                    offset,
                    limit: 10,
                    ..AssetQuery::default()
                };
                let want = reg.list_assets(&q).unwrap();
                let got = kept.page(&reg, &q).unwrap();
                assert_eq!(tags(&got), tags(&want), "{sort:?} {descending} at {offset}");
                assert_eq!(got.total, want.total);
            }
        }
    }
    if !on_postgres() {
        assert_eq!(
            kept.reads(),
            6,
            "once per sort and direction (not for the top)"
        );
    }

    // A new asset: the next block knows it.
    let q = AssetQuery {
        status: Some(AssetStatus::Spare),
        limit: 100,
        ..AssetQuery::default()
    };
    let before = kept.page(&reg, &q).unwrap().total;
    let mut input = asset("A-999", "Late");
    input.status = "spare".into();
    reg.create_asset(&input).unwrap();
    let after = kept.page(&reg, &q).unwrap();
    assert_eq!(after.total, before + 1);
    assert_eq!(after.rows.last().unwrap().tag, "A-999");
}
