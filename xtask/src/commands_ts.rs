//! The desktop's commands as TypeScript: `commands.ts` in the bindings
//! folder, read from the command functions themselves
//! (`src-tauri/commands/*.rs`, every `#[tauri::command]`): each command's
//! name, the name and type of each argument the web view sends (those taken
//! as `Payload<T>`), and what it returns. `ui/src/lib/api.ts` calls through
//! this table, so a renamed command or argument, or a changed type, fails
//! to compile instead of failing at run time; `cargo xtask test` fails
//! while the committed file is stale.

use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// One command as the web view calls it.
struct Command {
    name: String,
    args: Vec<(String, String)>,
    returns: String,
}

/// The TypeScript of a Rust type; named types must have a binding (`known`).
fn ts(ty: &Type, known: &BTreeSet<String>, used: &mut BTreeSet<String>) -> Result<String> {
    match ty {
        Type::Tuple(t) if t.elems.is_empty() => Ok("null".into()),
        Type::Reference(r) => ts(&r.elem, known, used),
        Type::Path(p) => {
            let last = p.path.segments.last().context("an empty type path")?;
            let name = last.ident.to_string();
            let inner = || type_argument(ty, &name).context("a generic type without its argument");
            Ok(match name.as_str() {
                "String" | "str" | "PathBuf" => "string".into(),
                "Id" | "i64" | "u64" | "i32" | "u32" | "u16" | "u8" | "usize" | "f64" => {
                    "number".into()
                }
                "bool" => "boolean".into(),
                "Option" => format!("{} | null", ts(inner()?, known, used)?),
                "Vec" => {
                    let item = ts(inner()?, known, used)?;
                    if item.contains(' ') {
                        format!("({item})[]")
                    } else {
                        format!("{item}[]")
                    }
                }
                _ if known.contains(&name) => {
                    used.insert(name.clone());
                    name
                }
                _ => bail!("{name} has no TypeScript binding (derive ts_rs::TS and export it)"),
            })
        }
        _ => bail!("a type the command table cannot write"),
    }
}

fn is_command(f: &syn::ItemFn) -> bool {
    f.attrs.iter().any(|a| {
        let segments: Vec<String> = a
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        segments == ["tauri", "command"] || segments == ["command"]
    })
}

/// `T` of `Name<T, …>` (`Payload<T>`, `Result<T, ApiError>`, `Option<T>`).
fn type_argument<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    match &last.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn commands(
    root: &Path,
    known: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
) -> Result<Vec<Command>> {
    let dir = root.join("src-tauri/commands");
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file)?;
        let parsed =
            syn::parse_file(&source).with_context(|| format!("parsing {}", file.display()))?;
        for item in parsed.items {
            let Item::Fn(f) = item else { continue };
            if !is_command(&f) {
                continue;
            }
            let name = f.sig.ident.to_string();
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(arg) = input else { continue };
                // What the web view sends; state and handles are not sent.
                let Some(inner) = type_argument(&arg.ty, "Payload") else {
                    continue;
                };
                let Pat::Ident(ident) = &*arg.pat else {
                    bail!("{name}: an argument that is not a plain name");
                };
                let ty =
                    ts(inner, known, used).with_context(|| format!("{name}({})", ident.ident))?;
                args.push((ident.ident.to_string(), ty));
            }
            let ok = match &f.sig.output {
                ReturnType::Type(_, ty) => type_argument(ty, "Result"),
                ReturnType::Default => None,
            };
            let returns = match ok {
                Some(t) => ts(t, known, used).with_context(|| format!("{name}'s result"))?,
                None => bail!("{name} does not return Result<_, ApiError>"),
            };
            out.push(Command {
                name,
                args,
                returns,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Writes `commands.ts` into `dir`, beside the type bindings it names.
pub fn write(root: &Path, dir: &Path) -> Result<()> {
    let known: BTreeSet<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".ts")
                .map(str::to_string)
        })
        .collect();
    let mut used = BTreeSet::new();
    let list = commands(root, &known, &mut used)?;
    let mut ts = String::from(
        "// Generated by `cargo xtask codegen` from the #[tauri::command] functions in\n\
         // src-tauri/commands/*.rs (xtask/src/commands_ts.rs). Do not edit this file manually.\n",
    );
    for name in &used {
        writeln!(ts, "import type {{ {name} }} from \"./{name}\";")?;
    }
    ts.push_str("\n/** Every command of the desktop app: the arguments the web view sends, and what comes back. */\nexport interface Commands {\n");
    for c in &list {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        writeln!(
            ts,
            "  {}: {{ args: {args}; returns: {} }};",
            c.name, c.returns
        )?;
    }
    ts.push_str("}\n");
    std::fs::write(dir.join("commands.ts"), ts)?;
    Ok(())
}
