//! Values from outside Tend's own code — the arguments of the desktop's IPC,
//! sent by a web view that is not trusted — decoded before anything else
//! looks at them. [`decode`] bounds their size ([`TEXT_MAX`], [`ITEMS_MAX`]),
//! then reads exactly the type's shape: a struct only from a JSON object
//! (serde would also take the list of its fields in order), unknown fields
//! refused (payload types are `deny_unknown_fields`), wrong types and unknown
//! enum values refused, ids from 1 up ([`crate::Id`]). Every failure is a
//! validation error naming the argument, or the field inside it for sizes;
//! no JSON makes it panic. The field rules of `validate` and `record` follow
//! when the register is called.

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::{Error, Result};

/// Longest text (characters) anywhere in a payload. Fields keep their own,
/// tighter limits; this one bounds the work done before those are checked.
pub const TEXT_MAX: usize = 100_000;
/// Most items in any list, or entries in any map, of a payload (an import
/// maps at most 1,000 columns, the widest list Tend takes).
pub const ITEMS_MAX: usize = 1_000;

/// Decodes the argument `field` into `T`: sizes first (the error names the
/// field inside the argument as forms know it: `notes`, `query.search`),
/// then the exact shape of `T` (the error names the argument).
pub fn decode<T: DeserializeOwned>(field: &str, value: Value) -> Result<T> {
    bounds(field, None, &value)?;
    T::deserialize(Strict(&value)).map_err(|e| Error::validation(field, e.to_string()))
}

/// Checks the sizes of `value`, found at `path` inside the argument `arg`
/// (`None`: the argument itself).
fn bounds(arg: &str, path: Option<&str>, value: &Value) -> Result<()> {
    let here = path.unwrap_or(arg);
    let too_many = |n: usize, what: &str| {
        Error::validation(
            here,
            format!("has {n} {what}; at most {ITEMS_MAX} are allowed"),
        )
    };
    match value {
        Value::String(s) => check_text(here, s),
        Value::Array(items) => {
            if items.len() > ITEMS_MAX {
                return Err(too_many(items.len(), "items"));
            }
            items.iter().try_for_each(|item| bounds(arg, path, item))
        }
        Value::Object(map) => {
            if map.len() > ITEMS_MAX {
                return Err(too_many(map.len(), "entries"));
            }
            map.iter().try_for_each(|(key, item)| {
                check_text(here, key)?;
                let inner = match path {
                    Some(p) => format!("{p}.{key}"),
                    None => key.clone(),
                };
                bounds(arg, Some(&inner), item)
            })
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

fn check_text(field: &str, s: &str) -> Result<()> {
    // Bytes bound characters from above: count only when it matters.
    if s.len() > TEXT_MAX && s.chars().count() > TEXT_MAX {
        return Err(Error::validation(
            field,
            format!(
                "is {} characters long; at most {TEXT_MAX} are allowed",
                s.chars().count()
            ),
        ));
    }
    Ok(())
}

type DeError = serde_json::Error;

/// A JSON value read strictly: like serde_json's own reading of a `Value`,
/// except that a struct, a map or a list is read only from an object, an
/// object or a list, at every depth.
struct Strict<'de>(&'de Value);

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

macro_rules! forward_to_value {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
                de::Deserializer::$method(self.0, visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Strict<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.iter(),
                value: None,
            }),
            other => de::Deserializer::deserialize_any(other, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.iter(),
                value: None,
            }),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // Payload enums are names (unit variants): serde_json's reading.
        de::Deserializer::deserialize_enum(self.0, name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_unit_struct(self.0, name, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    forward_to_value! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier deserialize_ignored_any
    }
}

struct Items<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.0
            .next()
            .map(|item| seed.deserialize(Strict(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'de> {
    entries: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.value.take().ok_or_else(|| {
            <DeError as de::Error>::custom("a map value was asked for before its key")
        })?;
        seed.deserialize(Strict(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use serde_json::json;

    fn refused<T: DeserializeOwned + std::fmt::Debug>(arg: &str, value: Value) -> Error {
        let err = decode::<T>(arg, value).expect_err("refused");
        assert_eq!(err.code(), crate::ErrorCode::Validation, "{err}");
        err
    }

    #[test]
    fn an_unknown_field_is_refused_naming_the_argument() {
        let err = refused::<AssetInput>("input", json!({"tag": "A", "is_admin": true}));
        assert_eq!(err.field(), Some("input"));
        assert!(
            err.to_string().contains("unknown field `is_admin`"),
            "{err}"
        );
        let err = refused::<PlanTemplateInput>("input", json!({"plan": {"title": "x", "x": 1}}));
        assert!(err.to_string().contains("unknown field `x`"), "{err}");
    }

    #[test]
    fn wrong_types_and_unknown_enum_values_are_refused() {
        refused::<AssetInput>("input", json!({"tag": 7}));
        refused::<AssetInput>("input", json!("not an object"));
        refused::<AssetQuery>("query", json!({"sort": "password"}));
        refused::<DueQuery>("query", json!({"kinds": ["maintenance", "rm -rf"]}));
        refused::<AssetQuery>("query", json!({"limit": -1}));
        refused::<AssetQuery>("query", json!({"limit": 1.5}));
        refused::<LookupKind>("kind", json!(null));
        refused::<String>("reason", json!(["a"]));
    }

    #[test]
    fn a_struct_is_read_only_from_an_object_at_every_depth() {
        // serde_json alone would take [30, 2, 3] as horizon 30, category 2, location 3.
        let err = refused::<DueQuery>("query", json!([30, 2, 3]));
        assert!(
            err.to_string().contains("expected struct DueQuery"),
            "{err}"
        );
        refused::<AssetInput>("input", json!([]));
        refused::<PlanTemplateInput>(
            "input",
            json!({"category": "UPS", "plan": ["Battery", "3"]}),
        );
        refused::<crate::csv::ImportOptions>("options", json!({"mapping": [["Asset Tag", "tag"]]}));
        refused::<AssetInput>("input", json!({"custom_fields": [["Room", "1"]]}));
    }

    #[test]
    fn oversized_text_lists_and_maps_are_refused_naming_the_field_inside() {
        let long = "x".repeat(TEXT_MAX + 1);
        let err = refused::<AssetQuery>("query", json!({ "search": long }));
        assert_eq!(err.field(), Some("search"));
        let err = refused::<PlanTemplateInput>(
            "input",
            json!({ "plan": { "checklist": vec!["item"; ITEMS_MAX + 1] } }),
        );
        assert_eq!(err.field(), Some("plan.checklist"));
        let many: serde_json::Map<String, Value> = (0..=ITEMS_MAX)
            .map(|i| (format!("f{i}"), json!("v")))
            .collect();
        let err = refused::<AssetInput>("input", json!({ "custom_fields": many }));
        assert_eq!(err.field(), Some("custom_fields"));
        let err = refused::<String>("reason", json!("y".repeat(TEXT_MAX + 1)));
        assert_eq!(err.field(), Some("reason"));
    }

    #[test]
    fn text_at_the_limit_counts_characters_not_bytes() {
        let wide = "é".repeat(TEXT_MAX);
        let decoded: String = decode("reason", json!(wide)).unwrap();
        assert_eq!(decoded.chars().count(), TEXT_MAX);
    }

    #[test]
    fn ids_are_whole_numbers_from_one() {
        assert_eq!(decode::<Id>("id", json!(42)).unwrap().get(), 42);
        for bad in [
            json!(0),
            json!(-1),
            json!(1.5),
            json!(1e30),
            json!("7"),
            json!(u64::MAX),
        ] {
            let err = refused::<Id>("id", bad);
            assert_eq!(err.field(), Some("id"));
        }
    }

    #[test]
    fn well_formed_payloads_decode_as_serde_json_would() {
        let input = json!({
            "tag": "SRV-1", "name": "Web", "custom_fields": {"Room": "1"},
        });
        let strict: AssetInput = decode("input", input.clone()).unwrap();
        assert_eq!(strict, serde_json::from_value::<AssetInput>(input).unwrap());
        let query = json!({"search": null, "status": "in_repair", "category_id": 3, "sort": "purchase_date"});
        let strict: AssetQuery = decode("query", query.clone()).unwrap();
        assert_eq!(strict, serde_json::from_value::<AssetQuery>(query).unwrap());
        let options = json!({"format": "snipe_it", "decimal": ",", "mapping": [{"column": "A", "target": "tag"}]});
        let strict: crate::csv::ImportOptions = decode("options", options.clone()).unwrap();
        assert_eq!(strict, serde_json::from_value(options).unwrap());
        let due: DueQuery =
            decode("query", json!({"kinds": ["maintenance"], "limit": null})).unwrap();
        assert_eq!(due.kinds, vec![DueKind::Maintenance]);
    }
}
