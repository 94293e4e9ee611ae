//! A small mutation fuzz of the loader and engine on the bundled scenario,
//! in every test run: 1,000 mutants (the release sweeps run 100,000; see
//! `tests/core/fuzz.rs`).

#[test]
fn mutated_scenarios_never_panic_and_errors_have_positions() {
    crate::fuzz::run(1_000);
}
