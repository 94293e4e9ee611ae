//! The host on the network (`ketensim serve`, feature `serve`), tested
//! with scripted seats on loopback (127.0.0.1 only; every loop bounded in
//! count and time).
#![allow(
    clippy::disallowed_methods,
    reason = "tests write fixtures and damaged files on purpose; the atomic write is for the program"
)]
#![cfg(feature = "serve")]

mod client;
mod faults;
mod fuzz;
mod isolation;
#[cfg(feature = "gui")]
mod link;
