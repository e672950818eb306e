//! Filled in by the capability that needs it.
