//! The book's library for Rust programs.  Every function here runs the same
//! code as the C library's function of the same name (`unp-sys`).

/// The raw C ABI, with the exact C prototypes of the four headers.
pub use unp_sys as sys;
