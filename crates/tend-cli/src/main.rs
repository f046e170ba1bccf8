//! `tend`: the register from the terminal. This binary is glue — it parses
//! arguments, calls tend-core's [`tend_core::Register`] and prints the result;
//! everything that decides lives in tend-core.

mod args;
mod attach_args;
mod clock;
mod commands;
mod csv_args;
mod failure;
mod flags;
mod label_args;
mod output;
mod plan_args;
mod report_args;

use clap::error::ErrorKind;
use clap::Parser;
use failure::Failure;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    let json = cli.json;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = commands::run(cli, &mut out).and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Print what was produced before the failure (e.g. `db check`'s problems).
            let _ = out.flush();
            failure::report(&failure, json)
        }
    }
}

/// Help and version go to stdout with exit code 0; a wrong command line is a
/// user error (exit code 1, not clap's 2, which Tend keeps for internal errors).
fn usage(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        // Prints to stdout (help) or stderr (help for a missing subcommand).
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(failure::EXIT_USER)
        } else {
            ExitCode::SUCCESS
        };
    }
    let message = e.render().to_string();
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    let json = std::env::args_os().any(|a| a == "--json");
    failure::report(&Failure::Usage(message.to_owned()), json)
}
