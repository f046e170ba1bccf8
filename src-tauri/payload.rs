//! Arguments from the web view, decoded by the core's rules for payloads
//! from outside ([`tend_core::payload`]): sizes bounded, unknown
//! fields, wrong types and unknown enum values refused, ids from 1 up.
//!
//! A command's argument of type `T: Deserialize` would be decoded by Tauri
//! itself, and a bad one rejected with a bare string ("invalid args `input`
//! for command `create_asset`: ...") before the command runs. Taken as
//! [`Payload<T>`], the same failure reaches the UI as an
//! [`ApiError`](tend_core::ApiError) with code `validation` and the
//! argument (or the field inside it) named, like every other input error.

use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::Runtime;
use tend_core::{ApiError, Error};

/// A checked argument of a command; derefs to the value.
#[derive(Debug)]
pub struct Payload<T>(pub T);

impl<T> Deref for Payload<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'de, T: DeserializeOwned, R: Runtime> CommandArg<'de, R> for Payload<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let key = command.key;
        // Fails only when the argument is missing or the call's body is not
        // JSON; a JSON value of any shape is taken as it is.
        let raw = serde_json::Value::deserialize(command).map_err(|e| {
            InvokeError::from(ApiError::from(Error::validation(key, e.to_string())))
        })?;
        decode(key, raw).map(Payload).map_err(InvokeError::from)
    }
}

/// Decodes argument `key` from its JSON value: what [`Payload`] does with an
/// argument once it has it (tests call it directly).
pub fn decode<T: DeserializeOwned>(key: &str, raw: serde_json::Value) -> Result<T, ApiError> {
    tend_core::payload::decode(key, raw).map_err(ApiError::from)
}
