//! Mutation fuzzing of the loader and engine on the bundled scenario:
//! 100,000 mutants in a release build, 1,000 in a debug build (the
//! mutator is `tests/core/fuzz.rs`).

#[test]
fn mutated_scenarios_never_panic_and_errors_have_positions() {
    let _alone = crate::one_at_a_time();
    crate::fuzz::run(if cfg!(debug_assertions) {
        1_000
    } else {
        100_000
    });
}
