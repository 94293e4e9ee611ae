//! Small pieces of Dutch: a number with the right form of its noun.

/// "1 gegeven", "3 gegevens".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_and_many() {
        assert_eq!(super::count(1, "gegeven", "gegevens"), "1 gegeven");
        assert_eq!(super::count(0, "gegeven", "gegevens"), "0 gegevens");
        assert_eq!(super::count(7, "gegeven", "gegevens"), "7 gegevens");
    }
}
