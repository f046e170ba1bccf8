//! Hearing about changes on a team register as they happen: a connection of
//! its own that LISTENs to `tend_changed`, which every statement changing
//! the register notifies (postgres/migrations/0002). An open desktop waits
//! on it instead of asking the register again and again.

use super::address::ServerAddress;
use super::connect::{connect, server_error, Server};
use crate::Result;
use postgres::fallible_iterator::FallibleIterator;
use std::time::Duration;

/// A connection listening for changes to one team register.
pub struct ChangeListener {
    server: Server,
}

impl ChangeListener {
    /// Connects to `address` and starts listening.
    pub fn start(address: &ServerAddress) -> Result<ChangeListener> {
        let mut server = connect(address)?;
        server
            .client
            .batch_execute("LISTEN tend_changed")
            .map_err(|e| server_error(address, &e))?;
        Ok(ChangeListener { server })
    }

    /// Waits up to `timeout` for a change; true when one came (every
    /// notification already waiting is taken with it).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let address = self.server.address.clone();
        let mut notifications = self.server.client.notifications();
        let mut heard = notifications
            .timeout_iter(timeout)
            .next()
            .map_err(|e| server_error(&address, &e))?
            .is_some();
        // Drain what else is already there without waiting again.
        while notifications
            .iter()
            .next()
            .map_err(|e| server_error(&address, &e))?
            .is_some()
        {
            heard = true;
        }
        Ok(heard)
    }
}
