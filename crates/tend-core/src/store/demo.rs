//! Bulk writes of the demo register (filled in with the generator).
