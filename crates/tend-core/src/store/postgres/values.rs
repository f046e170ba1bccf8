//! Values between Tend and PostgreSQL, so that a statement written for
//! SQLite runs on a team register (store/sql.rs): placeholders rewritten,
//! a parameter written in whatever type the server asks for, and a column of
//! any type read back as SQLite would hold it.

use ::postgres::types::{FromSql, IsNull, ToSql as PgToSql, Type};
use bytes::BytesMut;
use rusqlite::types::{Value, ValueRef};

/// A parameter for PostgreSQL: written in whatever type the server decided
/// the placeholder has, as SQLite would have compared it.
#[derive(Debug)]
pub(crate) struct PgValue(pub(crate) Value);

impl PgToSql for PgValue {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text_like = is_text(ty);
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) if *ty == Type::INT8 => PgToSql::to_sql(&i, ty, out),
            Value::Integer(i) if *ty == Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
            Value::Integer(i) if *ty == Type::BOOL => PgToSql::to_sql(&(*i != 0), ty, out),
            Value::Integer(i) if *ty == Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
            Value::Integer(i) if *ty == Type::FLOAT4 => PgToSql::to_sql(&(*i as f32), ty, out),
            Value::Integer(i) if text_like => write_text(&i.to_string(), out),
            Value::Real(f) if *ty == Type::FLOAT8 => PgToSql::to_sql(&f, ty, out),
            Value::Real(f) if *ty == Type::FLOAT4 => PgToSql::to_sql(&(*f as f32), ty, out),
            Value::Real(f) if text_like => write_text(&f.to_string(), out),
            Value::Text(s) if text_like => write_text(s, out),
            Value::Text(s) if *ty == Type::INT8 => {
                PgToSql::to_sql(&s.trim().parse::<i64>()?, ty, out)
            }
            Value::Text(s) if *ty == Type::INT4 => {
                PgToSql::to_sql(&s.trim().parse::<i32>()?, ty, out)
            }
            Value::Blob(b) if *ty == Type::BYTEA => PgToSql::to_sql(&b.as_slice(), ty, out),
            v => Err(format!("a {:?} value cannot be passed as {ty}", v.data_type()).into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    ::postgres::types::to_sql_checked!();
}

pub(crate) fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Text, and the types stored as text (case-insensitive `citext`).
fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
    ) || ty.name() == "citext"
}

fn write_text(
    s: &str,
    out: &mut BytesMut,
) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
    out.extend_from_slice(s.as_bytes());
    Ok(IsNull::No)
}

/// A column of any type, read as SQLite would hold it.
pub(crate) struct AnyValue(pub(crate) Value);

impl<'a> FromSql<'a> for AnyValue {
    fn from_sql(
        ty: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<AnyValue, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyValue(match *ty {
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ if is_text(ty) || *ty == Type::JSON => Value::Text(String::from_utf8(raw.to_vec())?),
            _ => return Err(format!("a column of type {ty} cannot be read").into()),
        }))
    }

    fn from_sql_null(
        _: &Type,
    ) -> std::result::Result<AnyValue, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC (what `sum` of integers returns): an integer when it has no
/// fraction and fits, a real otherwise.
fn numeric(raw: &[u8]) -> std::result::Result<Value, Box<dyn std::error::Error + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<i16, Box<dyn std::error::Error + Sync + Send>> {
        raw.get(i * 2..i * 2 + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a NUMERIC value is cut short".into())
    };
    let (ndigits, weight, sign, dscale) = (word(0)?, word(1)?, word(2)? as u16, word(3)?);
    if sign == 0xC000 {
        return Err("NaN cannot be stored in the register".into());
    }
    let digits: Vec<i16> = (0..ndigits as usize)
        .map(|i| word(4 + i))
        .collect::<std::result::Result<_, _>>()?;
    let negative = sign == 0x4000;
    if dscale == 0 {
        let mut n: i128 = 0;
        for (i, d) in digits.iter().enumerate() {
            let power = i64::from(weight) - i as i64;
            if power >= 0 {
                n += i128::from(*d) * 10_000i128.pow(power as u32);
            }
        }
        let n = if negative { -n } else { n };
        if let Ok(n) = i64::try_from(n) {
            return Ok(Value::Integer(n));
        }
    }
    let mut f = 0f64;
    for (i, d) in digits.iter().enumerate() {
        f += f64::from(*d) * 10_000f64.powi(i32::from(weight) - i as i32);
    }
    Ok(Value::Real(if negative { -f } else { f }))
}

/// Rewrites SQLite placeholders for PostgreSQL: `?N` → `$N`, `?` → the next
/// `$N`, and `:name` → `$N` in order of first use (returned, so that named
/// values can be passed in that order). Quoted text, quoted names, comments
/// and `::` casts are left alone.
pub(crate) fn to_postgres(sql: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut names: Vec<String> = Vec::new();
    let mut next = 0usize;
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .map_or(chars.len(), |p| i + 1 + p + 1);
                out.extend(&chars[i..end]);
                i = end;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                let end = chars[i..]
                    .iter()
                    .position(|&d| d == '\n')
                    .map_or(chars.len(), |p| i + p);
                out.extend(&chars[i..end]);
                i = end;
            }
            '?' => {
                let digits: String = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .collect();
                if digits.is_empty() {
                    next += 1;
                    out.push_str(&format!("${next}"));
                } else {
                    next = next.max(digits.parse().unwrap_or(0));
                    out.push('$');
                    out.push_str(&digits);
                }
                i += 1 + digits.len();
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                out.push_str("::");
                i += 2;
            }
            ':' if chars
                .get(i + 1)
                .is_some_and(|d| d.is_ascii_alphabetic() || *d == '_') =>
            {
                let name: String = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_alphanumeric() || **d == '_')
                    .collect();
                let full = format!(":{name}");
                let n = match names.iter().position(|n| *n == full) {
                    Some(p) => p + 1,
                    None => {
                        names.push(full);
                        names.len()
                    }
                };
                out.push_str(&format!("${n}"));
                i += 1 + name.len();
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    (out, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered() {
        let (sql, names) = to_postgres("SELECT ?1, ?2, ?1 WHERE x = '?3' -- ?4\n AND y = ?");
        assert_eq!(sql, "SELECT $1, $2, $1 WHERE x = '?3' -- ?4\n AND y = $3");
        assert!(names.is_empty());
    }

    #[test]
    fn names_become_numbered_in_order_of_first_use() {
        let (sql, names) =
            to_postgres("UPDATE t SET a = :b, c = :a::text WHERE id = :b AND s = ':x'");
        assert_eq!(
            sql,
            "UPDATE t SET a = $1, c = $2::text WHERE id = $1 AND s = ':x'"
        );
        assert_eq!(names, [":b", ":a"]);
    }

    #[test]
    fn numeric_reads_integers_and_fractions() {
        // 12345678 = [1234, 5678] with weight 1; -1.5 = [1, 5000] weight 0 scale 1.
        let enc = |digits: &[i16], weight: i16, sign: u16, scale: u16| {
            let mut v = Vec::new();
            for w in [digits.len() as i16, weight, sign as i16, scale as i16] {
                v.extend_from_slice(&w.to_be_bytes());
            }
            for d in digits {
                v.extend_from_slice(&d.to_be_bytes());
            }
            v
        };
        assert_eq!(
            numeric(&enc(&[1234, 5678], 1, 0, 0)).unwrap(),
            Value::Integer(12_345_678)
        );
        assert_eq!(
            numeric(&enc(&[7], 2, 0x4000, 0)).unwrap(),
            Value::Integer(-700_000_000)
        );
        assert_eq!(numeric(&enc(&[], 0, 0, 0)).unwrap(), Value::Integer(0));
        assert_eq!(
            numeric(&enc(&[1, 5000], 0, 0x4000, 1)).unwrap(),
            Value::Real(-1.5)
        );
    }
}
